import asyncio
import gc
import logging
import os
import warnings

from sqlalchemy import make_url, text
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine

url = make_url(os.environ["DATABASE_URL"]).set(drivername="postgresql+asyncpg")
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


async def main(request):
    engine = create_async_engine(url)
    with warnings.catch_warnings(record=True) as caught:  # (3)!
        warnings.simplefilter("always")
        await request(engine)
        gc.collect()
    await engine.dispose()
    return [str(w.message) for w in caught]


caught = asyncio.run(main(leaky))
print(len(caught), "warning;", [r.levelname for r in records], "logged")
#> 1 warning; ['ERROR'] logged
start, end = caught[0].index(" <"), caught[0].index(">, ")  # (4)!
print(caught[0][:start] + " … " + caught[0][end + 3:])
'''
The garbage collector is trying to clean up non-checked-in connection … which will be terminated.  Please ensure that SQLAlchemy pooled connections are returned to the pool explicitly, either by calling ``close()`` or by using appropriate context managers to manage their lifecycle.
'''
records.clear()
print(len(asyncio.run(main(fixed))), "warnings;", len(records), "logged")
#> 0 warnings; 0 logged
pool_logger.removeHandler(handler)
