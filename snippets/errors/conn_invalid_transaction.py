# needs: postgresql+asyncpg, postgresql+psycopg
import asyncio
import os
import time
from concurrent.futures import ThreadPoolExecutor

import psycopg
from sqlalchemy import create_engine, event, exc, make_url, text
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine
from sqlalchemy.orm import Session

url = os.environ["DATABASE_URL"]
admin = create_engine(url, isolation_level="AUTOCOMMIT")
engine = create_engine(url)


# --8<-- [start:hook]
SOCKET_CLOSED = "connection socket closed"  # psycopg 3.3 and later


@event.listens_for(engine, "handle_error")
def lost_socket_is_a_disconnect(context):  # (1)!
    error = context.original_exception
    while error is not None:  # the error, or the one being handled when it was raised
        if isinstance(error, psycopg.OperationalError) and str(error) == SOCKET_CLOSED:
            context.is_disconnect = True
            return
        error = error.__context__
# --8<-- [end:hook]


with engine.begin() as conn:
    conn.execute(text("drop table if exists jobs"))
    conn.execute(text("create table jobs (id int primary key)"))


def terminate(pid):  # as an administrator, a restart or a failover would
    with admin.connect() as conn:
        conn.scalar(text("select pg_terminate_backend(:pid)"), {"pid": pid})
        while conn.scalar(text("select count(*) from pg_stat_activity where pid = :pid"), {"pid": pid}):
            time.sleep(0.01)


with Session(engine) as session:
    backend = session.scalar(text("select pg_backend_pid()"))  # a transaction is open
    terminate(backend)  # (2)!
    try:
        session.execute(text("select 1"))
    except exc.OperationalError as error:
        print(type(error).__name__, error.connection_invalidated)
        #> OperationalError True
    try:
        session.execute(text("select 1"))  # (3)!
    except exc.PendingRollbackError as error:
        print(str(error).split(" (Background")[0])
        '''
        Can't reconnect until invalid transaction is rolled back.  Please rollback() fully before proceeding
        '''
    session.rollback()  # (4)!
    print("after rollback:", session.scalar(text("select 'ok'")))
    #> after rollback: ok

with engine.connect() as conn:
    conn.begin_nested()  # a savepoint inside the connection's transaction
    conn.invalidate()  # (5)!
    try:
        conn.execute(text("select 1"))
    except exc.PendingRollbackError as error:
        print(str(error).split("  Please")[0])
        #> Can't reconnect until invalid savepoint transaction is rolled back.


def add_job(job_id):  # (6)!
    with Session(engine) as session:
        for attempt in (1, 2, 3):
            try:
                pid = session.scalar(text("select pg_backend_pid()"))
                if attempt == 1:
                    terminate(pid)  # the connection dies inside every first attempt
                session.execute(text("insert into jobs values (:id)"), {"id": job_id})
                session.commit()
                return attempt
            except exc.DBAPIError as error:
                if not error.connection_invalidated:
                    raise
                session.rollback()  # (7)!
    return None


async def add_job_async(engine, job_id):
    async with AsyncSession(engine) as session:
        for attempt in (1, 2, 3):
            try:
                pid = await session.scalar(text("select pg_backend_pid()"))
                if attempt == 1:
                    await asyncio.to_thread(terminate, pid)
                await session.execute(text("insert into jobs values (:id)"), {"id": job_id})
                await session.commit()
                return attempt
            except exc.DBAPIError as error:
                if not error.connection_invalidated:
                    raise
                await session.rollback()
    return None


async def async_jobs(job_ids):
    async_engine = create_async_engine(make_url(url).set(drivername="postgresql+asyncpg"), pool_size=5, max_overflow=0)
    attempts = await asyncio.gather(*(add_job_async(async_engine, job_id) for job_id in job_ids))
    await async_engine.dispose()
    return attempts


for driver in ("psycopg", "asyncpg"):  # (8)!
    if driver == "psycopg":
        with ThreadPoolExecutor(max_workers=5) as threads:
            attempts = list(threads.map(add_job, range(20)))
    else:
        attempts = asyncio.run(async_jobs(range(100, 120)))
    failures = sum(attempt != 2 for attempt in attempts)
    print(f"{driver}, rolled back and retried: {len(attempts)} units of work, failures: {failures}")
    #> psycopg, rolled back and retried: 20 units of work, failures: 0
    #> asyncpg, rolled back and retried: 20 units of work, failures: 0
with engine.connect() as conn:
    print("rows:", conn.scalar(text("select count(*) from jobs")))
    #> rows: 40
engine.dispose()
admin.dispose()
