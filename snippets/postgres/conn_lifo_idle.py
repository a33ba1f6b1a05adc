# needs: postgresql+asyncpg, postgresql+psycopg
import asyncio
import itertools
import os
import threading
import time

from sqlalchemy import create_engine, event, exc, make_url, text
from sqlalchemy.ext.asyncio import create_async_engine

url = os.environ["DATABASE_URL"]
IDLE_TIMEOUT = "-c idle_session_timeout=500"  # (1)!


def watch(engine):
    seen = {"failed pings": 0}
    numbers = itertools.count(1)

    @event.listens_for(engine, "connect")
    def name_connection(dbapi_connection, connection_record):
        connection_record.info["name"] = f"c{next(numbers)}"

    @event.listens_for(engine, "handle_error")
    def failed_ping(context):
        seen["failed pings"] += context.is_pre_ping

    return seen


def traffic(engine):
    def burst():  # three requests at once
        held = [engine.connect() for _ in range(3)]
        names = [conn.info["name"] for conn in held]
        for conn in held:
            conn.execute(text("select 1"))
            conn.commit()
            conn.close()
        return names

    bursts = [burst()]
    for _ in range(15):  # (2)!
        with engine.connect() as conn:
            conn.execute(text("select 1"))
            conn.commit()
        time.sleep(0.1)
    bursts += [burst(), burst()]  # (3)!
    return bursts


results = {}


def run(name, **options):
    engine = create_engine(url, pool_size=3, pool_use_lifo=True, pool_pre_ping=True,
                           connect_args={"options": IDLE_TIMEOUT}, **options)
    seen = watch(engine)
    bursts, failures = [], 0
    try:
        bursts = traffic(engine)
    except exc.DBAPIError:
        failures += 1
    results[name] = (bursts, seen, failures)
    engine.dispose()


async def run_async():
    engine = create_async_engine(make_url(url).set(drivername="postgresql+asyncpg"),
                                 pool_size=3, pool_use_lifo=True, pool_pre_ping=True, pool_recycle=0.25,
                                 connect_args={"server_settings": {"idle_session_timeout": "500"}})
    seen = watch(engine.sync_engine)
    failures = 0
    try:
        held = [await engine.connect() for _ in range(3)]
        for conn in held:
            await conn.close()
        for _ in range(15):
            async with engine.connect() as conn:
                await conn.execute(text("select 1"))
                await conn.commit()
            await asyncio.sleep(0.1)
        for _ in range(2):
            held = [await engine.connect() for _ in range(3)]
            for conn in held:
                await conn.execute(text("select 1"))
                await conn.commit()
                await conn.close()
    except exc.DBAPIError:
        failures += 1
    results["asyncpg, pool_recycle=0.25"] = ([], seen, failures)
    await engine.dispose()


threads = [threading.Thread(target=run, args=("pre-ping only",)),
           threading.Thread(target=run, args=("pool_recycle=0.25",), kwargs={"pool_recycle": 0.25}),  # (4)!
           threading.Thread(target=asyncio.run, args=(run_async(),))]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print("pre-ping only, bursts:", results["pre-ping only"][0])  # (5)!
#> pre-ping only, bursts: [['c1', 'c2', 'c3'], ['c3', 'c4', 'c5'], ['c5', 'c4', 'c6']]
for name in ("pre-ping only", "pool_recycle=0.25", "asyncpg, pool_recycle=0.25"):
    bursts, seen, failures = results[name]
    print(f"{name}: {seen['failed pings']} failed pings, 24 requests, failures: {failures}")
    #> pre-ping only: 1 failed pings, 24 requests, failures: 0
    #> pool_recycle=0.25: 0 failed pings, 24 requests, failures: 0
    #> asyncpg, pool_recycle=0.25: 0 failed pings, 24 requests, failures: 0
