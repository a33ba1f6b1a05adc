# needs: mysql+pymysql, mysql+aiomysql
import asyncio
import os

from sqlalchemy import String, create_engine, func, make_url, select, text
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column
from sqlalchemy.schema import CreateTable


class Base(DeclarativeBase):
    pass


class Member(Base):
    __tablename__ = "members"
    __table_args__ = ({"mysql_charset": "utf8mb4", "mysql_collate": "utf8mb4_unicode_ci"},)  # (1)!
    id: Mapped[int] = mapped_column(primary_key=True)
    nickname: Mapped[str] = mapped_column(String(40))


url = make_url(os.environ["MARIADB_URL"])
print("charset in the URL:", url.query["charset"])  # (2)!
#> charset in the URL: utf8mb4
engine = create_engine(url)
NAMES = [f"{name}{emoji}" for name in ("김민준", "이서연", "박지호", "최수아")
         for emoji in ("🎉", "🍜", "🔥", "😀", "👍", "🇰🇷")]

with engine.begin() as conn:  # a table from before the fix: utf8mb3, Korean only
    conn.execute(text("drop table if exists members"))
    conn.execute(text("create table members (id int primary key, nickname varchar(40)) charset=utf8mb3"))
    conn.execute(text("insert into members values (1, '김민준'), (2, '이서연')"))
    conn.execute(text("alter table members convert to character set utf8mb4 collate utf8mb4_unicode_ci"))  # (3)!
with engine.connect() as conn:
    print(conn.scalar(text("select table_collation from information_schema.tables where table_name = 'members'")))
    #> utf8mb4_unicode_ci
    print(conn.scalars(select(Member.nickname).order_by(Member.id)).all())
    #> ['김민준', '이서연']
    print(conn.execute(text("select @@character_set_client, @@character_set_connection, @@character_set_results")).one())
    #> ('utf8mb4', 'utf8mb4', 'utf8mb4')

print(str(CreateTable(Member.__table__).compile(engine)).strip().splitlines()[-1])  # new tables
#> )CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci
failures = 0
for number, name in enumerate(NAMES, 3):  # one request per name: insert, commit, read back
    with Session(engine) as session:
        session.add(Member(id=number, nickname=name))
        session.commit()
        failures += session.get(Member, number, populate_existing=True).nickname != name
print(f"PyMySQL: {len(NAMES)} rows, failures: {failures}")
#> PyMySQL: 24 rows, failures: 0
with engine.connect() as conn:
    first = select(func.char_length(Member.nickname), func.length(Member.nickname)).where(Member.id == 3)
    print(conn.execute(first).one())  # (4)!
    #> (4, 13)
engine.dispose()


async def main():
    engine = create_async_engine(url.set(drivername="mysql+aiomysql"))
    failures = 0
    async with engine.begin() as conn:
        await conn.execute(Member.__table__.delete().where(Member.id > 2))
    for number, name in enumerate(NAMES, 3):
        async with engine.begin() as conn:
            await conn.execute(Member.__table__.insert(), {"id": number, "nickname": name})
        async with engine.connect() as conn:
            failures += await conn.scalar(select(Member.nickname).where(Member.id == number)) != name
    print(f"aiomysql: {len(NAMES)} rows, failures: {failures}")
    #> aiomysql: 24 rows, failures: 0
    await engine.dispose()


asyncio.run(main())
