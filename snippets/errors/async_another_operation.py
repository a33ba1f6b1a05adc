# needs: postgresql+asyncpg
import asyncio
import os

from sqlalchemy import make_url, text
from sqlalchemy.exc import InterfaceError
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine


async def main():
    url = make_url(os.environ["DATABASE_URL"]).set(drivername="postgresql+asyncpg")
    engine = create_async_engine(url)
    SessionFactory = async_sessionmaker(engine)
    query = text("SELECT 1")

    async with SessionFactory() as shared:
        await shared.scalar(query)  # the session now holds a connection
        results = await asyncio.gather(
            shared.scalar(query), shared.rollback(), return_exceptions=True  # (1)!
        )
    error = results[1]
    print(results[0], type(error).__module__, type(error).__name__, error.code)  # (2)!
    #> 1 sqlalchemy.exc InterfaceError rvf5
    message = str(error.orig)
    print(message[message.index("cannot") :])
    #> cannot perform operation: another operation is in progress

    async with SessionFactory() as session:
        try:
            await session.scalar(query)
        except InterfaceError as exc:  # (3)!
            message = str(exc.orig)
            print(message[message.index("cannot") :])
            #> cannot use Connection.transaction() in a manually started transaction
    await engine.dispose()

    async def read():
        async with SessionFactory() as session:  # (4)!
            return await session.scalar(query)

    async def roll_back():
        async with SessionFactory() as session:
            await session.scalar(query)
            await session.rollback()
            return "rolled back"

    results = await asyncio.gather(
        *(task() for _ in range(20) for task in (read, roll_back)), return_exceptions=True
    )
    failures = sum(isinstance(r, Exception) for r in results)
    print(f"one session per task: {len(results)} tasks, failures: {failures}")
    #> one session per task: 40 tasks, failures: 0
    await engine.dispose()


asyncio.run(main())
