# needs: sqlite+aiosqlite
import asyncio

from sqlalchemy import Column, Integer, MetaData, Table, insert, select
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine
from sqlalchemy.orm import Session

metadata = MetaData()
numbers = Table("numbers", metadata, Column("n", Integer, primary_key=True))


def sync_report(session: Session) -> str:  # (1)!
    total = sum(session.scalars(select(numbers.c.n)))
    return f"{type(session).__name__} sees total={total}"


async def main():
    engine = create_async_engine("sqlite+aiosqlite://")
    async with engine.begin() as conn:
        await conn.run_sync(metadata.create_all)  # (2)!
        await conn.execute(insert(numbers), [{"n": n} for n in range(1, 6)])

    async with engine.connect() as conn:
        result = await conn.stream(select(numbers.c.n).order_by(numbers.c.n))  # (3)!
        print([row.n async for row in result])
        #> [1, 2, 3, 4, 5]

    async with AsyncSession(engine) as session:
        evens = await session.stream_scalars(select(numbers.c.n).where(numbers.c.n % 2 == 0))
        print([n async for n in evens])
        #> [2, 4]
        print(await session.run_sync(sync_report))  # (4)!
        #> Session sees total=15

    await engine.dispose()


asyncio.run(main())
