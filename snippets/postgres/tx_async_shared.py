# needs: postgresql+asyncpg, postgresql+psycopg
import asyncio
import os

from sqlalchemy import func, make_url, select
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Item(Base):
    __tablename__ = "items"
    id: Mapped[int] = mapped_column(primary_key=True)
    label: Mapped[str]


async def main():
    url = make_url(os.environ["DATABASE_URL"]).set(drivername="postgresql+asyncpg")
    engine = create_async_engine(url)
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.drop_all)
        await conn.run_sync(Base.metadata.create_all)
    SessionFactory = async_sessionmaker(engine, expire_on_commit=False)
    async with SessionFactory.begin() as session:
        session.add_all([Item(label="a"), Item(label="b")])

    async with SessionFactory() as shared:  # (1)!
        items = (await shared.scalars(select(Item).order_by(Item.id))).all()

        async def rename(item, label):
            item.label = label
            await shared.commit()

        results = await asyncio.gather(
            rename(items[0], "A"), rename(items[1], "B"), return_exceptions=True
        )
        first, second = results
        print("task 1:", type(first).__name__, "-", first)  # (2)!
        #> task 1: ResourceClosedError - This transaction is closed
        print("task 2:", type(second).__name__, "-", str(second).split(";")[0])
        #> task 2: IllegalStateChangeError - Method 'commit()' can't be called here

    async with SessionFactory() as session:
        print((await session.scalars(select(Item.label).order_by(Item.id))).all())  # (3)!
        #> ['a', 'b']

    count = select(func.count()).select_from(Item)
    await engine.dispose()  # (4)!
    async with SessionFactory() as shared:
        first, second = await asyncio.gather(
            shared.scalar(count), shared.scalar(count), return_exceptions=True
        )
        print(first, type(second).__name__, second.code)
        #> 2 InvalidRequestError isce
    async with SessionFactory() as shared:  # (5)!
        print(await asyncio.gather(shared.scalar(count), shared.scalar(count)))
        #> [2, 2]
    await engine.dispose()


async def one_session_per_task(driver):  # (6)!
    url = make_url(os.environ["DATABASE_URL"]).set(drivername=driver)
    engine = create_async_engine(url)
    SessionFactory = async_sessionmaker(engine, expire_on_commit=False)

    async def rename(n):
        async with SessionFactory() as session:  # this task's own session
            item = await session.get(Item, 1 + n % 2)
            item.label = f"renamed by task {n}"
            await session.commit()

    results = await asyncio.gather(*(rename(n) for n in range(20)), return_exceptions=True)
    await engine.dispose()
    return len(results), sum(isinstance(result, Exception) for result in results)


asyncio.run(main())
for driver in ("postgresql+asyncpg", "postgresql+psycopg"):
    tasks, failures = asyncio.run(one_session_per_task(driver))
    print(f"{driver.split('+')[1]}, one session per task: {tasks} tasks, failures: {failures}")
    #> asyncpg, one session per task: 20 tasks, failures: 0
    #> psycopg, one session per task: 20 tasks, failures: 0
