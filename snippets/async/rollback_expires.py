# needs: sqlite+aiosqlite
import asyncio
import gc
import warnings

from sqlalchemy import inspect, select
from sqlalchemy.exc import IntegrityError, MissingGreenlet, StatementError
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(unique=True)


async def main():
    engine = create_async_engine("sqlite+aiosqlite:///demo.db")
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.drop_all)
        await conn.run_sync(Base.metadata.create_all)
    SessionFactory = async_sessionmaker(engine, expire_on_commit=False)  # (1)!
    async with SessionFactory.begin() as session:
        session.add(User(name="kim"))

    with warnings.catch_warnings(record=True):  # the never-awaited coroutine, see above
        warnings.simplefilter("always")
        async with SessionFactory() as session:
            user = await session.scalar(select(User))
            await session.commit()
            print(user.name, sorted(inspect(user).expired_attributes))
            #> kim []
            session.add(User(name="kim"))  # the same name again
            try:
                await session.commit()
            except IntegrityError as exc:
                print(type(exc.orig).__name__)
                #> IntegrityError
                await session.rollback()  # (2)!
            print(sorted(inspect(user).expired_attributes))  # (3)!
            #> ['id', 'name']
            try:
                print(user.name)
            except (StatementError, MissingGreenlet) as exc:
                print(type(getattr(exc, "orig", exc)).__name__, type(exc.__cause__ or exc).__name__)  # (4)!
                #> MissingGreenlet MissingGreenlet
            await session.refresh(user)  # (5)!
            print(user.name)
            #> kim
        gc.collect()
    await engine.dispose()


asyncio.run(main())
