# needs: postgresql+asyncpg
import asyncio
import os

from sqlalchemy import make_url, text
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.ext.asyncio import create_async_engine


def describe(exc):  # (1)!
    return type(exc).__name__, type(exc.orig).__name__, getattr(exc.orig, "sqlstate", None)


async def main():
    url = make_url(os.environ["DATABASE_URL"]).set(drivername="postgresql+asyncpg")
    engine = create_async_engine(url, connect_args={"server_settings": {"statement_timeout": "1000"}})  # (2)!
    admin = create_async_engine(url)  # a second engine plays the administrator
    async with engine.begin() as conn:
        await conn.execute(text("drop table if exists counters"))
        await conn.execute(text("create table counters (id int primary key, n int)"))
        await conn.execute(text("insert into counters values (1, 0)"))

    async with engine.connect() as conn:
        print("statement_timeout", await conn.scalar(text("show statement_timeout")))
        #> statement_timeout 1s
        try:
            await conn.execute(text("select pg_sleep(5)"))
        except DBAPIError as exc:
            print(describe(exc), isinstance(exc, OperationalError))  # (3)!
            #> ('DBAPIError', 'Error', '57014') False

    repeatable = engine.execution_options(isolation_level="REPEATABLE READ")
    async with repeatable.connect() as a:
        await a.scalar(text("select n from counters where id = 1"))  # A's snapshot
        async with engine.begin() as b:
            await b.execute(text("update counters set n = n + 1 where id = 1"))
        try:
            await a.execute(text("update counters set n = n + 1 where id = 1"))
        except DBAPIError as exc:
            print(describe(exc), type(exc.orig.__cause__).__name__)  # (4)!
            #> ('DBAPIError', 'Error', '40001') SerializationError

    await engine.dispose()  # start the last part with one pooled connection
    async with engine.connect() as conn:
        driver = (await conn.get_raw_connection()).driver_connection
    async with admin.connect() as conn:  # the connection above is now idle in the pool
        await conn.scalar(text("select pg_terminate_backend(:pid, 5000)"), {"pid": driver.get_server_pid()})
    async with asyncio.timeout(5):  # until asyncpg has read the server's goodbye
        while not driver.is_closed():
            await asyncio.sleep(0.01)
    try:
        async with engine.connect() as conn:
            await conn.scalar(text("select 'ok'"))
    except DBAPIError as exc:
        print(describe(exc), exc.connection_invalidated, "|", exc.orig)  # (5)!
        #> ('InterfaceError', 'InterfaceError', None) True | connection is closed
    await engine.dispose()
    await admin.dispose()


asyncio.run(main())
