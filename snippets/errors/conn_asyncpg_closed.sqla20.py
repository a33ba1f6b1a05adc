# needs: postgresql+asyncpg
import asyncio
import os

from sqlalchemy import exc, make_url, text
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

url = make_url(os.environ["DATABASE_URL"]).set(drivername="postgresql+asyncpg")


async def terminate(pids, when_state="idle"):  # as an administrator, a restart or a failover would
    pids = sorted(set(pids))
    admin = create_async_engine(url, poolclass=NullPool, isolation_level="AUTOCOMMIT")
    async with admin.connect() as conn:
        query = "select count(*) from pg_stat_activity where pid = any(cast(:pids as int[])) and state = :state"
        while await conn.scalar(text(query), {"pids": pids, "state": when_state}) < len(pids):
            await asyncio.sleep(0.01)
        await conn.execute(text("select pg_terminate_backend(pid) from unnest(cast(:pids as int[])) as pid"), {"pids": pids})
        while await conn.scalar(text("select count(*) from pg_stat_activity where pid = any(cast(:pids as int[]))"), {"pids": pids}):
            await asyncio.sleep(0.01)
    await admin.dispose()


async def errors():
    engine = create_async_engine(url)
    async with engine.connect() as conn:
        pid = await conn.scalar(text("select pg_backend_pid()"))
        pooled = (await conn.get_raw_connection()).driver_connection
    await terminate([pid])
    async with asyncio.timeout(5):  # until asyncpg has read the server's goodbye
        while not pooled.is_closed():
            await asyncio.sleep(0.01)
    try:
        async with engine.connect() as conn:
            await conn.scalar(text("select 1"))
    except exc.DBAPIError as error:
        idle = error
    async with engine.connect() as conn:
        pid = await conn.scalar(text("select pg_backend_pid()"))
        killer = asyncio.create_task(terminate([pid], when_state="active"))
        try:
            await conn.execute(text("select pg_sleep(5)"))
        except exc.DBAPIError as error:
            busy = error
        await killer
    await engine.dispose()
    return idle, busy


idle, busy = asyncio.run(errors())
print(type(idle).__name__, idle.code, idle.connection_invalidated)
#> InterfaceError rvf5 True
print(str(idle).splitlines()[0])
'''
(sqlalchemy.dialects.postgresql.asyncpg.InterfaceError) <class 'asyncpg.exceptions._base.InterfaceError'>: connection is closed
'''
print(type(busy).__name__, busy.code, busy.connection_invalidated)
#> DBAPIError dbapi True
print(str(busy).splitlines()[0])
'''
(sqlalchemy.dialects.postgresql.asyncpg.Error) <class 'asyncpg.exceptions.ConnectionDoesNotExistError'>: connection was closed in the middle of operation: terminating connection due to administrator command
'''


async def request(engine, pids):
    async with engine.connect() as conn:
        pids.append(await conn.scalar(text("select pg_backend_pid()")))
        await asyncio.sleep(0.01)  # four requests at once: four connections


async def fixed():
    engine = create_async_engine(url, pool_size=4, pool_pre_ping=True, pool_recycle=1800)
    pids, failures, requests = [], 0, 0
    for round_ in range(6):
        if round_:
            await terminate(pids)  # every pooled connection dies, as in a restart
            pids.clear()
            requests += 4
        results = await asyncio.gather(*(request(engine, pids) for _ in range(4)), return_exceptions=True)
        failures += sum(isinstance(result, Exception) for result in results)
    await engine.dispose()
    return requests, failures


requests, failures = asyncio.run(fixed())
print(f"asyncpg with pre-ping: {requests} requests, failures: {failures}")
#> asyncpg with pre-ping: 20 requests, failures: 0
