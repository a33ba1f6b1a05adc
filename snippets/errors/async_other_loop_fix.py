import asyncio
import os

from sqlalchemy import make_url, text
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

url = make_url(os.environ["DATABASE_URL"]).set(drivername="postgresql+asyncpg")
engine = create_async_engine(url)
test_engine = create_async_engine(url, poolclass=NullPool)  # (1)!


async def query(engine):
    async with engine.connect() as conn:
        return await conn.scalar(text("SELECT 1"))


async def one_loop():
    try:
        return await query(engine)
    finally:
        await engine.dispose()  # (2)!


print([asyncio.run(one_loop()) for _ in range(3)])
#> [1, 1, 1]
print([asyncio.run(query(test_engine)) for _ in range(3)])  # (3)!
#> [1, 1, 1]
