# needs: sqlite+aiosqlite
import asyncio

from sqlalchemy import text
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine


async def main():
    engine = create_async_engine("sqlite+aiosqlite:///app.db")  # (1)!
    SessionFactory = async_sessionmaker(engine)
    query = text("SELECT 1")

    async with SessionFactory() as shared:  # (2)!
        results = await asyncio.gather(
            shared.scalar(query), shared.scalar(query), return_exceptions=True
        )
    error = results[1]
    print(results[0], type(error).__module__, type(error).__name__, error.code)
    #> 1 sqlalchemy.exc InvalidRequestError isce
    print(str(error).split(" (Background")[0])
    '''
    This session is provisioning a new connection; concurrent operations are not permitted
    '''

    async def one_task():
        async with SessionFactory() as session:  # (3)!
            return await session.scalar(query)

    results = await asyncio.gather(*(one_task() for _ in range(20)), return_exceptions=True)
    failures = sum(result != 1 for result in results)
    print(f"one session per task: {len(results)} tasks, failures: {failures}")
    #> one session per task: 20 tasks, failures: 0
    await engine.dispose()


asyncio.run(main())
