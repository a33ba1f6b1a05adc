# needs: sqlite+aiosqlite
import asyncio

from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]


async def main():
    for url in ("sqlite+aiosqlite:///demo.db", "sqlite+aiosqlite://"):
        engine = create_async_engine(url)
        print(f"{url:28} {type(engine).__name__} {type(engine.pool).__name__}")
        #> sqlite+aiosqlite:///demo.db  AsyncEngine AsyncAdaptedQueuePool
        #> sqlite+aiosqlite://          AsyncEngine StaticPool
        await engine.dispose()

    async def signup(engine, i):  # a request: write a row, read the table, commit
        async with AsyncSession(engine) as session:
            session.add(User(name=f"user {i}"))
            await session.flush()  # written, not yet committed
            count = await session.scalar(select(func.count()).select_from(User))
            await session.commit()
            return count

    for url in (
        "sqlite+aiosqlite:///file::memory:?cache=shared&uri=true",  # (1)!
        "sqlite+aiosqlite:///demo.db",
    ):
        engine = create_async_engine(url)
        async with engine.begin() as conn:
            await conn.run_sync(Base.metadata.drop_all)
            await conn.run_sync(Base.metadata.create_all)
        async with AsyncSession(engine) as a, AsyncSession(engine) as b:
            a.add(User(name="kim"))
            await a.flush()  # a has written to users and not committed
            try:
                result = await b.scalar(select(func.count()).select_from(User))
            except OperationalError as exc:
                result = exc.orig
            print("b reads users:", result)  # (2)!
            #> b reads users: database table is locked: users
            #> b reads users: 0
        await engine.dispose()

    engine = create_async_engine("sqlite+aiosqlite:///demo.db")
    results = await asyncio.gather(*(signup(engine, i) for i in range(20)), return_exceptions=True)
    failures = sum(isinstance(r, Exception) for r in results)
    print(f"file database: {len(results)} tasks, failures: {failures}")  # (3)!
    #> file database: 20 tasks, failures: 0
    await engine.dispose()


asyncio.run(main())
