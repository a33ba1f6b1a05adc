# needs: postgresql+asyncpg
import asyncio
import os

from sqlalchemy import make_url, text
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine


async def main():
    url = make_url(os.environ["DATABASE_URL"]).set(drivername="postgresql+asyncpg")
    engine = create_async_engine(url)
    SessionFactory = async_sessionmaker(engine)
    query = text("SELECT 1")
    rows = text("SELECT g FROM generate_series(1, 500) AS g")

    async def read_all(session):  # a report that streams its rows
        result = await session.stream_scalars(rows)  # (1)!
        return len([row async for row in result])

    async with SessionFactory() as shared:
        await shared.scalar(query)  # the session now holds a connection
        print(await asyncio.gather(shared.scalar(query), shared.scalar(query)))  # (2)!
        #> [1, 1]
        results = await asyncio.gather(
            read_all(shared), shared.scalar(query), return_exceptions=True  # (3)!
        )
    error = results[1]
    print(results[0], type(error).__module__, type(error).__name__, error.code)
    #> 500 sqlalchemy.exc InterfaceError rvf5
    message = str(error.orig)
    print(message[message.index("cannot") :])
    #> cannot perform operation: another operation is in progress

    async def report():
        async with SessionFactory() as session:  # (4)!
            return await read_all(session)

    async def lookup():
        async with SessionFactory() as session:
            return await session.scalar(query)

    results = await asyncio.gather(
        *(task() for _ in range(20) for task in (report, lookup)), return_exceptions=True
    )
    failures = sum(isinstance(r, Exception) for r in results)
    print(f"one session per task: {len(results)} tasks, failures: {failures}")
    #> one session per task: 40 tasks, failures: 0
    await engine.dispose()


asyncio.run(main())
