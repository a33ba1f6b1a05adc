# needs: sqlite+aiosqlite
import asyncio

from sqlalchemy import select
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]


async def main():
    engine = create_async_engine("sqlite+aiosqlite:///demo.db")  # (1)!
    async with engine.begin() as conn:  # (2)!
        await conn.run_sync(Base.metadata.drop_all)
        await conn.run_sync(Base.metadata.create_all)

    SessionFactory = async_sessionmaker(engine, expire_on_commit=False)  # (3)!
    async with SessionFactory.begin() as session:  # (4)!
        session.add_all([User(name="kim"), User(name="lee")])

    async with SessionFactory() as session:
        print(type(session).__name__)
        #> AsyncSession
        names = await session.scalars(select(User.name).order_by(User.id))  # (5)!
        print(names.all())
        #> ['kim', 'lee']
        user = await session.get(User, 1)
        user.name = "park"
        await session.commit()
        print(user.name)  # (6)!
        #> park

    await engine.dispose()  # (7)!


asyncio.run(main())
