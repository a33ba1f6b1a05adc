# needs: postgresql+asyncpg, postgresql+psycopg
import asyncio
import os
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import create_engine, exc, make_url, text
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine
from sqlalchemy.orm import Session

url = os.environ["DATABASE_URL"]
engine = create_engine(url)
with engine.begin() as conn:
    conn.execute(text("drop table if exists stock"))
    conn.execute(text("create table stock (id int primary key, qty int)"))
    conn.execute(text("insert into stock values (1, 10)"))

forgotten = Session(engine)
forgotten.execute(text("update stock set qty = qty - 1 where id = 1"))  # (1)!

with engine.connect() as conn:
    rows = conn.execute(text(
        "select state, query from pg_stat_activity"
        " where datname = current_database() and state = 'idle in transaction'"
    )).all()
    print(rows)  # (2)!
    #> [('idle in transaction', 'update stock set qty = qty - 1 where id = 1')]

with Session(engine) as session:
    session.execute(text("set local lock_timeout = '500ms'"))  # (3)!
    try:
        session.execute(text("update stock set qty = qty + 5 where id = 1"))
    except exc.OperationalError as error:
        print(type(error.orig).__name__, "|", error.orig.diag.message_primary)
        #> LockNotAvailable | canceling statement due to lock timeout

forgotten.close()  # (4)!
with Session(engine) as session:
    session.execute(text("update stock set qty = qty + 5 where id = 1"))
    session.commit()
    print("qty:", session.scalar(text("select qty from stock")))
    #> qty: 15
engine.dispose()

timeouts = {"lock_timeout": "3s", "statement_timeout": "5s", "idle_in_transaction_session_timeout": "1s"}
psycopg_engine = create_engine(url, connect_args={"options": " ".join(f"-c {k}={v}" for k, v in timeouts.items())})  # (5)!
asyncpg_url = make_url(url).set(drivername="postgresql+asyncpg")


def sell_one():
    with Session(psycopg_engine) as session, session.begin():  # (6)!
        session.execute(text("update stock set qty = qty - 1 where id = 1"))


async def sell_one_async(engine):
    async with AsyncSession(engine) as session, session.begin():
        await session.execute(text("update stock set qty = qty - 1 where id = 1"))


async def twenty_async_requests():
    engine = create_async_engine(asyncpg_url, connect_args={"server_settings": timeouts}, pool_size=5, max_overflow=0)
    forgotten = AsyncSession(engine)
    await forgotten.execute(text("update stock set qty = 0 where id = 1"))  # holds the lock, then idles
    results = await asyncio.gather(*(sell_one_async(engine) for _ in range(20)), return_exceptions=True)
    try:
        await forgotten.close()
    except exc.DBAPIError as error:
        results.append(error)
    await engine.dispose()
    return results


forgotten_sessions = {}
for driver in ("psycopg", "asyncpg"):
    with psycopg_engine.begin() as conn:
        conn.execute(text("update stock set qty = 100 where id = 1"))
    if driver == "psycopg":
        forgotten = Session(psycopg_engine)
        forgotten.execute(text("update stock set qty = 0 where id = 1"))  # (7)!
        with ThreadPoolExecutor(max_workers=4) as threads:
            futures = [threads.submit(sell_one) for _ in range(20)]
        results = [future.exception() for future in futures]
        try:
            forgotten.close()
        except exc.DBAPIError as error:
            results.append(error)
    else:
        results = asyncio.run(twenty_async_requests())
    forgotten_sessions[driver] = str(results.pop().orig).splitlines()[0].split(": ")[-1]
    failures = sum(isinstance(result, Exception) for result in results)
    with psycopg_engine.connect() as conn:
        qty = conn.scalar(text("select qty from stock"))
    print(f"{driver}, qty {qty}: {len(results)} requests, failures: {failures}")
    #> psycopg, qty 80: 20 requests, failures: 0
    #> asyncpg, qty 80: 20 requests, failures: 0
print(forgotten_sessions)  # (8)!
'''
{
    'psycopg': 'terminating connection due to idle-in-transaction timeout',
    'asyncpg': 'the underlying connection is closed',
}
'''
psycopg_engine.dispose()
