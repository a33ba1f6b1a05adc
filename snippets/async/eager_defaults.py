# needs: sqlite+aiosqlite
import asyncio
import gc
import warnings
from datetime import datetime
from typing import ClassVar

from sqlalchemy import func, inspect, select
from sqlalchemy.exc import MissingGreenlet, StatementError
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Columns:
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    updated_at: Mapped[datetime] = mapped_column(
        server_default=func.now(), onupdate=func.now()  # (1)!
    )


class User(Columns, Base):
    __tablename__ = "users"


class EagerUser(Columns, Base):
    __tablename__ = "eager_users"
    __mapper_args__: ClassVar[dict] = {"eager_defaults": True}  # (2)!


async def main():
    engine = create_async_engine("sqlite+aiosqlite:///app.db")
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.drop_all)
        await conn.run_sync(Base.metadata.create_all)
    SessionFactory = async_sessionmaker(engine, expire_on_commit=False)
    async with SessionFactory.begin() as session:
        for model in (User, EagerUser):
            session.add_all(model(id=i, name=f"user {i}") for i in range(20))

    async with SessionFactory() as session:
        user = await session.get(User, 0)
        user.name = "kim"
        await session.commit()
        print(inspect(user).expired_attributes)  # (3)!
        #> {'updated_at'}
        try:
            print(user.updated_at)
        except (StatementError, MissingGreenlet) as exc:
            print(type(getattr(exc, "orig", exc)).__name__)
            #> MissingGreenlet

    async def request(model, i):  # rename one row, then return it
        async with SessionFactory() as session:
            user = await session.scalar(select(model).where(model.id == i))
            user.name = f"renamed {i}"
            await session.commit()
            return user.name, user.updated_at

    for model in (User, EagerUser):  # 20 concurrent requests, each with its own session
        results = await asyncio.gather(
            *(request(model, i) for i in range(20)), return_exceptions=True
        )
        failures = sum(isinstance(r, Exception) for r in results)
        print(f"{model.__name__}: {len(results)} requests, failures: {failures}")
        #> User: 20 requests, failures: 20
        #> EagerUser: 20 requests, failures: 0
    await engine.dispose()


with warnings.catch_warnings():
    # aiosqlite leaves the driver's coroutine unawaited on 2.1; collect it here, silently
    warnings.simplefilter("ignore", RuntimeWarning)
    asyncio.run(main())
    gc.collect()
