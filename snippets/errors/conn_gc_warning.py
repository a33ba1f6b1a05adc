# needs: postgresql+asyncpg, postgresql+psycopg, sqlite+aiosqlite
import asyncio
import gc
import logging
import os
import warnings

from sqlalchemy import make_url, text
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine

url = make_url(os.environ["DATABASE_URL"])
urls = {
    "asyncpg": url.set(drivername="postgresql+asyncpg"),
    "psycopg": url,  # create_async_engine() picks psycopg's async mode
    "aiosqlite": "sqlite+aiosqlite:///app.db",
}
records = []
handler = logging.Handler()
handler.emit = records.append
pool_logger = logging.getLogger("sqlalchemy.pool")
pool_logger.addHandler(handler)


async def leaky(engine):
    session = AsyncSession(engine)  # (1)!
    return await session.scalar(text("select 'ok'"))


async def fixed(engine):
    async with AsyncSession(engine) as session:  # (2)!
        return await session.scalar(text("select 'ok'"))


async def main(engine_url, request, tasks):
    engine = create_async_engine(engine_url)
    with warnings.catch_warnings(record=True) as caught:  # (3)!
        warnings.simplefilter("always")
        results = await asyncio.gather(*(request(engine) for _ in range(tasks)))
        gc.collect()
    await engine.dispose()
    return [str(w.message) for w in caught], results


caught, _ = asyncio.run(main(urls["asyncpg"], leaky, 1))
print(len(caught), "warning;", [r.levelname for r in records], "logged")
#> 1 warning; ['ERROR'] logged
start, end = caught[0].index(" <"), caught[0].index(">, ")  # (4)!
print(caught[0][:start] + " … " + caught[0][end + 3:])
'''
The garbage collector is trying to clean up non-checked-in connection … which will be terminated.  Please ensure that SQLAlchemy pooled connections are returned to the pool explicitly, either by calling ``close()`` or by using appropriate context managers to manage their lifecycle.
'''
for driver, engine_url in urls.items():  # (5)!
    records.clear()
    caught, results = asyncio.run(main(engine_url, fixed, 20))
    failures = len(caught) + len(records) + sum(result != "ok" for result in results)
    print(f"{driver}, async with: {len(results)} tasks, failures: {failures}")
    #> asyncpg, async with: 20 tasks, failures: 0
    #> psycopg, async with: 20 tasks, failures: 0
    #> aiosqlite, async with: 20 tasks, failures: 0
pool_logger.removeHandler(handler)
