# needs: postgresql+asyncpg, postgresql+psycopg
import asyncio
import os

from sqlalchemy import create_engine, exc, make_url, text
from sqlalchemy.ext.asyncio import create_async_engine

url = os.environ["DATABASE_URL"]
async_url = make_url(url).set(drivername="postgresql+asyncpg")
admin = create_engine(url)  # a second engine plays the administrator


def terminate(backend_pid):
    with admin.connect() as conn:
        conn.scalar(text("select pg_terminate_backend(:pid, 5000)"), {"pid": backend_pid})


def kill_idle_connection(engine):
    with engine.connect() as conn:
        raw = conn.connection.dbapi_connection
    terminate(raw.info.backend_pid)  # the server process behind it; never printed
    return raw


engine = create_engine(url)
kill_idle_connection(engine)
try:
    with engine.connect() as conn:
        conn.scalar(text("select 'ok'"))
except exc.DBAPIError as error:
    print(type(error).__name__, error.connection_invalidated)
    #> OperationalError True
    print(error)
    '''
    (psycopg.errors.AdminShutdown) terminating connection due to administrator command
    [SQL: select 'ok']
    (Background on this error at: https://sqlalche.me/e/21/e3q8)
    '''
with engine.connect() as conn:
    print("next checkout:", conn.scalar(text("select 'ok'")))
    #> next checkout: ok
engine.dispose()

engine = create_engine(url, pool_pre_ping=True)
dead = kill_idle_connection(engine)
with engine.connect() as conn:
    print("with pre-ping:", conn.scalar(text("select 'ok'")))
    #> with pre-ping: ok
    print("replaced the dead connection:", conn.connection.dbapi_connection is not dead)
    #> replaced the dead connection: True
engine.dispose()


def psycopg_requests(n, **options):
    """n requests with commits; the server kills the idle connection before the 1st and the 13th."""
    engine = create_engine(url, **options)
    failures = 0
    for i in range(n):
        if i % 12 == 0:
            kill_idle_connection(engine)
        try:
            with engine.begin() as conn:
                conn.scalar(text("select :word"), {"word": "ok"})
        except exc.DBAPIError:
            failures += 1
    engine.dispose()
    return f"{n} requests, failures: {failures}"


async def asyncpg_requests(n, **options):
    engine = create_async_engine(async_url, **options)
    failures, first = 0, None
    for i in range(n):
        if i % 12 == 0:
            async with engine.connect() as conn:
                driver = (await conn.get_raw_connection()).driver_connection
            terminate(driver.get_server_pid())
            async with asyncio.timeout(5):  # idle: until asyncpg has read the server's goodbye
                while not driver.is_closed():
                    await asyncio.sleep(0.01)
        try:
            async with engine.begin() as conn:
                await conn.scalar(text("select :word"), {"word": "ok"})
        except exc.DBAPIError as error:
            failures += 1
            first = first or f"{type(error).__name__} {error.connection_invalidated}"
    await engine.dispose()
    return f"{n} requests, failures: {failures}", first


print("psycopg without pre-ping:", psycopg_requests(24))
#> psycopg without pre-ping: 24 requests, failures: 2
print("psycopg with pre-ping:", psycopg_requests(24, pool_pre_ping=True))
#> psycopg with pre-ping: 24 requests, failures: 0
print("asyncpg without pre-ping:", *asyncio.run(asyncpg_requests(24)))
#> asyncpg without pre-ping: 24 requests, failures: 2 InterfaceError True
print("asyncpg with pre-ping:", asyncio.run(asyncpg_requests(24, pool_pre_ping=True))[0])
#> asyncpg with pre-ping: 24 requests, failures: 0
admin.dispose()
