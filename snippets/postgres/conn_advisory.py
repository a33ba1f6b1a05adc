# needs: postgresql+asyncpg, postgresql+psycopg
import asyncio
import os
import threading

from sqlalchemy import create_engine, exc, make_url, text
from sqlalchemy.ext.asyncio import create_async_engine

url = os.environ["DATABASE_URL"]
observer = create_engine(url)
HELD = text("select count(*) from pg_locks where locktype = 'advisory' and database ="
            " (select oid from pg_database where datname = current_database())")
with observer.begin() as conn:
    conn.execute(text("drop table if exists counters"))
    conn.execute(text("create table counters (name text primary key, value int)"))
    conn.execute(text("insert into counters values ('psycopg', 0), ('asyncpg', 0)"))

engine = create_engine(url, pool_size=4)
with engine.connect() as conn:
    conn.execute(text("select pg_advisory_lock(42)"))  # (1)!
    conn.commit()
with observer.connect() as conn:
    print("held after return to the pool:", conn.scalar(HELD))
    #> held after return to the pool: 1
    print("another session can take it:", conn.scalar(text("select pg_try_advisory_lock(42)")))
    #> another session can take it: False
engine.dispose()  # closing the connection ends its server session, and releases the lock

INCREMENT = [
    text("select pg_advisory_xact_lock(42)"),  # (2)!
    text("select value from counters where name = :name"),
    text("update counters set value = :value where name = :name"),
]
failures = []


def request():
    try:
        with engine.connect() as conn:
            conn.execute(INCREMENT[0])
            value = conn.scalar(INCREMENT[1], {"name": "psycopg"})  # (3)!
            conn.execute(INCREMENT[2], {"value": value + 1, "name": "psycopg"})
            conn.commit()  # (4)!
    except exc.DBAPIError as error:
        failures.append(error)


def worker():
    for _ in range(6):
        request()


threads = [threading.Thread(target=worker) for _ in range(4)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
with observer.connect() as conn:
    value = conn.scalar(INCREMENT[1], {"name": "psycopg"})
    print(f"psycopg: 4 threads, counter {value}, 24 requests, failures: {len(failures) + 24 - value}")
    #> psycopg: 4 threads, counter 24, 24 requests, failures: 0
    print("held after the requests:", conn.scalar(HELD))
    #> held after the requests: 0
engine.dispose()


async def main():
    engine = create_async_engine(make_url(url).set(drivername="postgresql+asyncpg"), pool_size=4)
    errors = []

    async def request():
        try:
            async with engine.connect() as conn:
                await conn.execute(INCREMENT[0])
                value = await conn.scalar(INCREMENT[1], {"name": "asyncpg"})
                await conn.execute(INCREMENT[2], {"value": value + 1, "name": "asyncpg"})
                await conn.commit()
        except exc.DBAPIError as error:
            errors.append(error)

    async def worker():
        for _ in range(6):
            await request()

    await asyncio.gather(*(worker() for _ in range(4)))
    async with engine.connect() as conn:
        value = await conn.scalar(INCREMENT[1], {"name": "asyncpg"})
        print(f"asyncpg: 4 tasks, counter {value}, 24 requests, failures: {len(errors) + 24 - value}")
        #> asyncpg: 4 tasks, counter 24, 24 requests, failures: 0
        print("held after the requests:", await conn.scalar(HELD))
        #> held after the requests: 0
    await engine.dispose()


asyncio.run(main())
observer.dispose()
