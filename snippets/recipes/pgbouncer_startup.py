# needs: postgresql+psycopg, postgresql+asyncpg, pgbouncer
import asyncio
import os
import threading

import asyncpg
import psycopg
from sqlalchemy import NullPool, create_engine, exc, make_url, text
from sqlalchemy.ext.asyncio import create_async_engine

bouncer = make_url(os.environ["PGBOUNCER_URL"])
async_bouncer = bouncer.set(drivername="postgresql+asyncpg")
console = bouncer.set(drivername="postgresql", database="pgbouncer").render_as_string(hide_password=False)
direct = create_engine(os.environ["DATABASE_URL"], poolclass=NullPool)
GUARDS = text("select current_setting('statement_timeout'), current_setting('lock_timeout'),"
              " current_setting('idle_in_transaction_session_timeout')")


def new_server_sessions():
    with psycopg.connect(console, autocommit=True) as admin:
        admin.execute(f"RECONNECT {bouncer.database}")


def first_line(error):
    return f"{type(error.orig).__name__}: {str(error.orig).splitlines()[0].split('FATAL:  ')[-1]}"


engine = create_engine(bouncer, poolclass=NullPool, connect_args={
    "prepare_threshold": None, "options": "-c statement_timeout=30000"})
try:
    engine.connect()
except exc.OperationalError as error:
    print("psycopg, options:", first_line(error))
    #> psycopg, options: OperationalError: unsupported startup parameter: options


async def asyncpg_server_settings():
    engine = create_async_engine(async_bouncer, poolclass=NullPool, connect_args={
        "statement_cache_size": 0, "server_settings": {"statement_timeout": "30000"}})
    try:
        await engine.connect()
    except (exc.DBAPIError, asyncpg.PostgresError) as error:  # (1)!
        driver_error = error.orig.__cause__ if isinstance(error, exc.DBAPIError) else error
        print("asyncpg, server_settings:", type(driver_error).__name__)
        #> asyncpg, server_settings: ProtocolViolationError
        print(" ", driver_error)
        #>   unsupported startup parameter: statement_timeout
    await engine.dispose()


asyncio.run(asyncpg_server_settings())

web = create_engine(bouncer, poolclass=NullPool, connect_args={"prepare_threshold": None, "application_name": "web"})
jobs = create_engine(bouncer, poolclass=NullPool, connect_args={"prepare_threshold": None, "application_name": "jobs"})
seen = []
with web.connect() as a, jobs.connect() as b:
    for turn in range(4):  # (2)!
        first, second = (a, b) if turn % 2 else (b, a)
        first.execute(text("select 1"))
        seen.append(second.scalar(text("show application_name")))
        second.commit()
        first.commit()
print("application_name, tracked by PgBouncer:", seen)
#> application_name, tracked by PgBouncer: ['web', 'jobs', 'web', 'jobs']

alter_app_role = f"alter role {bouncer.username} in database {bouncer.database}"  # this role in this database
engine = create_engine(bouncer, poolclass=NullPool, connect_args={"prepare_threshold": None})
async_engine = create_async_engine(async_bouncer, poolclass=NullPool, connect_args={"statement_cache_size": 0})
try:
    with direct.begin() as conn:
        conn.execute(text(f"{alter_app_role} set statement_timeout = '30s'"))
        conn.execute(text(f"{alter_app_role} set lock_timeout = '5s'"))
        conn.execute(text(f"{alter_app_role} set idle_in_transaction_session_timeout = '60s'"))
    with engine.connect() as conn:
        print("server session opened before the ALTER:", conn.execute(GUARDS).one())
        #> server session opened before the ALTER: ('0', '0', '0')
    new_server_sessions()  # (3)!
    psycopg_failures, asyncpg_failures = [], []

    def worker():
        for _ in range(3):
            try:
                with engine.connect() as conn:
                    if tuple(conn.execute(GUARDS).one()) != ("30s", "5s", "1min"):
                        psycopg_failures.append("guards")
            except exc.DBAPIError as error:
                psycopg_failures.append(error)

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print(f"psycopg, 8 threads, 24 requests, failures: {len(psycopg_failures)}")
    #> psycopg, 8 threads, 24 requests, failures: 0

    async def task():
        for _ in range(3):
            try:
                async with async_engine.connect() as conn:
                    if tuple((await conn.execute(GUARDS)).one()) != ("30s", "5s", "1min"):
                        asyncpg_failures.append("guards")
            except exc.DBAPIError as error:
                asyncpg_failures.append(error)

    async def tasks():
        await asyncio.gather(*(task() for _ in range(8)))
        await async_engine.dispose()

    asyncio.run(tasks())
    print(f"asyncpg, 8 tasks, 24 requests, failures: {len(asyncpg_failures)}")
    #> asyncpg, 8 tasks, 24 requests, failures: 0
finally:
    with direct.begin() as conn:
        conn.execute(text(f"{alter_app_role} reset all"))
    new_server_sessions()
    engine.dispose()
    direct.dispose()
