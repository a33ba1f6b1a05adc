# needs: postgresql+asyncpg, postgresql+psycopg, sqlite+aiosqlite
import asyncio
import os

from sqlalchemy import make_url, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

url = make_url(os.environ["DATABASE_URL"])
asyncpg_url = url.set(drivername="postgresql+asyncpg")


async def query(engine):
    async with engine.connect() as conn:
        return await conn.scalar(text("SELECT 1"))


def tests(run_test):  # 20 tests in a row, as a test suite runs them
    results = []
    for _ in range(20):
        try:
            results.append(run_test())
        except (SQLAlchemyError, RuntimeError) as exc:  # the two ways it fails
            results.append(exc)
    failures = sum(result != 1 for result in results)
    return f"{len(results)} tests, failures: {failures}"


engine = create_async_engine(asyncpg_url)


async def test_then_dispose():
    try:
        return await query(engine)
    finally:
        await engine.dispose()  # (1)!


print("dispose in each loop:", tests(lambda: asyncio.run(test_then_dispose())))
#> dispose in each loop: 20 tests, failures: 0

test_engine = create_async_engine(asyncpg_url, poolclass=NullPool)  # (2)!
print("NullPool:", tests(lambda: asyncio.run(query(test_engine))))
#> NullPool: 20 tests, failures: 0

with asyncio.Runner() as runner:  # (3)!
    print("one loop for all tests:", tests(lambda: runner.run(query(engine))))
    #> one loop for all tests: 20 tests, failures: 0
    runner.run(engine.dispose())

for driver in ("postgresql+psycopg_async", "sqlite+aiosqlite"):  # (4)!
    other = url.set(drivername=driver) if driver.startswith("postgresql") else "sqlite+aiosqlite:///app.db"
    pooled = create_async_engine(other)
    result = tests(lambda pooled=pooled: asyncio.run(query(pooled)))
    print(f"{driver}, {pooled.pool.checkedin()} pooled connection: {result}")
    #> postgresql+psycopg_async, 1 pooled connection: 20 tests, failures: 0
    #> sqlite+aiosqlite, 1 pooled connection: 20 tests, failures: 0
    asyncio.run(pooled.dispose())
