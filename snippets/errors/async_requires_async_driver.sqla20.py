# needs: postgresql+asyncpg, postgresql+psycopg, sqlite+aiosqlite
import asyncio
import os

from sqlalchemy import make_url, text
from sqlalchemy.exc import InvalidRequestError
from sqlalchemy.ext.asyncio import create_async_engine

url = make_url(os.environ["DATABASE_URL"])  # a psycopg URL: postgresql+psycopg://...

try:
    create_async_engine("sqlite:///app.db")
except InvalidRequestError as exc:
    print(type(exc).__module__, type(exc).__name__)
    #> sqlalchemy.exc InvalidRequestError
    print(exc)
    '''
    The asyncio extension requires an async driver to be used. The loaded 'pysqlite' is not async.
    '''

for sync_url in (url.set(drivername="postgresql+psycopg2"), url.set(drivername="postgresql")):
    try:
        result = type(create_async_engine(sync_url).dialect).__name__
    except InvalidRequestError as exc:
        result = str(exc).split(". ")[1]
    print(f"{sync_url.drivername}: {result}")
    #> postgresql+psycopg2: The loaded 'psycopg2' is not async.
    #> postgresql: The loaded 'psycopg2' is not async.


async def requests(async_url):  # 20 concurrent tasks, each on its own connection
    engine = create_async_engine(async_url)

    async def one_task():
        async with engine.connect() as conn:
            return await conn.scalar(text("SELECT 1"))

    results = await asyncio.gather(*(one_task() for _ in range(20)), return_exceptions=True)
    await engine.dispose()
    return f"{len(results)} tasks, failures: {sum(result != 1 for result in results)}"


for async_url in (
    make_url("sqlite+aiosqlite:///app.db"),
    url.set(drivername="postgresql+asyncpg"),
    url.set(drivername="postgresql+psycopg_async"),
):
    print(f"{async_url.drivername}:", asyncio.run(requests(async_url)))
    #> sqlite+aiosqlite: 20 tasks, failures: 0
    #> postgresql+asyncpg: 20 tasks, failures: 0
    #> postgresql+psycopg_async: 20 tasks, failures: 0
