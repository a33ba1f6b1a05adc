# needs: sqlite+aiosqlite
import asyncio

from sqlalchemy import select
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


# --8<-- [start:setup]
class Base(DeclarativeBase):
    pass


class Item(Base):
    __tablename__ = "items"
    id: Mapped[int] = mapped_column(primary_key=True)
    label: Mapped[str]


async def main():
    engine = create_async_engine("sqlite+aiosqlite:///demo.db")
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.drop_all)
        await conn.run_sync(Base.metadata.create_all)
    SessionFactory = async_sessionmaker(engine, expire_on_commit=False)
    async with SessionFactory.begin() as session:
        session.add_all([Item(label="a"), Item(label="b")])

    async def labels():  # the stored labels, read in a fresh session
        async with SessionFactory() as session:
            return (await session.scalars(select(Item.label).order_by(Item.id))).all()
    # --8<-- [end:setup]

    # --8<-- [start:shared]
    async with SessionFactory() as shared:  # (1)!
        items = (await shared.scalars(select(Item).order_by(Item.id))).all()

        async def rename(item, label):
            item.label = label
            await shared.commit()

        results = await asyncio.gather(
            rename(items[0], "A"), rename(items[1], "B"), return_exceptions=True
        )
    first, second = results
    print(f"task 1 {type(first).__name__}: {first}")  # (2)!
    #> task 1 ResourceClosedError: This transaction is closed
    print(f"task 2 {type(second).__name__}: {second}")
    '''
    task 2 IllegalStateChangeError: Method 'commit()' can't be called here; method '_prepare_impl()' is already in progress and this would cause an unexpected state change to <SessionTransactionState.CLOSED: 5> (Background on this error at: https://sqlalche.me/e/21/isce)
    '''
    print(await labels())  # (3)!
    #> ['a', 'b']
    # --8<-- [end:shared]

    # --8<-- [start:per-task]
    async def rename_in_own_session(item_id, label):
        async with SessionFactory() as session:  # (1)!
            item = await session.get(Item, item_id)
            item.label = label
            await session.commit()

    await asyncio.gather(rename_in_own_session(1, "A"), rename_in_own_session(2, "B"))
    print(await labels())
    #> ['A', 'B']
    # --8<-- [end:per-task]

    await engine.dispose()


asyncio.run(main())
