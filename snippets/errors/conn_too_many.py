# needs: postgresql+asyncpg, postgresql+psycopg
import asyncio
import os

from sqlalchemy import create_engine, exc, make_url, text
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

url = os.environ["DATABASE_URL"]
admin = create_engine(url, poolclass=NullPool)
with admin.begin() as conn:
    conn.execute(text("drop role if exists demo_app"))
    conn.execute(text("create role demo_app login password 'demo-only'"))  # (1)!
    setting = {name: int(conn.scalar(text(f"show {name}"))) for name in
               ("max_connections", "superuser_reserved_connections", "reserved_connections")}
app_url = make_url(url).set(username="demo_app", password="demo-only")


def open_until_refused(engine_url):
    held, engine = [], create_engine(engine_url, poolclass=NullPool)
    try:
        for _ in range(setting["max_connections"] + 1):
            held.append(engine.connect())
    except exc.OperationalError as error:
        return held, str(error.orig).split("FATAL:  ")[-1]  # (2)!
    return held, "never refused"


app_held, message = open_until_refused(app_url)
print(message)
#> remaining connection slots are reserved for roles with the SUPERUSER attribute
admin_held, message = open_until_refused(url)
print(message)
#> sorry, too many clients already
held = app_held + admin_held
for conn in held:
    conn.close()

limit = setting["max_connections"] - setting["superuser_reserved_connections"] - setting["reserved_connections"]
processes, other_clients = 3, 6
per_process = (limit - other_clients) // processes  # (3)!


async def async_peak(engines):  # the same pools with asyncpg: every connection open at once
    async def hold(engine, ready):
        async with engine.connect() as conn:
            await conn.scalar(text("select 1"))
            await ready.wait()

    ready = asyncio.Event()
    tasks = [asyncio.create_task(hold(engine, ready)) for engine in engines for _ in range(per_process)]
    while sum(engine.pool.checkedout() for engine in engines) + sum(t.done() for t in tasks) < len(tasks):
        await asyncio.sleep(0.01)
    ready.set()
    results = await asyncio.gather(*tasks, return_exceptions=True)
    for engine in engines:
        await engine.dispose()
    return sum(isinstance(result, Exception) for result in results)


for driver in ("psycopg", "asyncpg"):
    options = {"pool_size": per_process - 2, "max_overflow": 2}
    if driver == "psycopg":
        workers = [create_engine(app_url, **options) for _ in range(processes)]
        peak, failures = [], 0
        for engine in workers:  # every process at its peak at the same moment
            for _ in range(per_process):
                try:
                    peak.append(engine.connect())
                except exc.OperationalError:
                    failures += 1
        for conn in peak:
            conn.close()
        for engine in workers:
            engine.dispose()
    else:
        async_url = app_url.set(drivername="postgresql+asyncpg")
        failures = asyncio.run(async_peak([create_async_engine(async_url, **options) for _ in range(processes)]))
    print(f"{driver}, {processes} processes at their peak: {processes * per_process} connections, failures: {failures}")
    #> psycopg, 3 processes at their peak: 21 connections, failures: 0
    #> asyncpg, 3 processes at their peak: 21 connections, failures: 0
with admin.begin() as conn:
    conn.execute(text("drop role demo_app"))
admin.dispose()
