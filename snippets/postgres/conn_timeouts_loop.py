# needs: postgresql+asyncpg, postgresql+psycopg
import asyncio
import os

from sqlalchemy import create_engine, exc, make_url, text
from sqlalchemy.ext.asyncio import create_async_engine

url = os.environ["DATABASE_URL"]
async_url = make_url(url).set(drivername="postgresql+asyncpg")
GUARDS = {"statement_timeout": "200", "lock_timeout": "100", "idle_in_transaction_session_timeout": "5000"}
SET_LOCAL = [text(f"set local {name} = {value}") for name, value in GUARDS.items()]
SHOW = text("select current_setting('statement_timeout'), current_setting('lock_timeout'),"
            " current_setting('idle_in_transaction_session_timeout')")
EXPECTED = ("200ms", "100ms", "5s")


def outcome(error):
    return "cancelled" if getattr(error.orig, "sqlstate", None) == "57014" else "failed"  # (1)!


def sync_run(engine, set_local=False):
    seen = {"cancelled": 0, "failed": 0}
    for request in range(1, 21):
        try:
            with engine.connect() as conn:
                for statement in SET_LOCAL if set_local else []:
                    conn.execute(statement)  # (2)!
                if tuple(conn.execute(SHOW).one()) != EXPECTED:
                    seen["failed"] += 1
                conn.execute(text("select pg_sleep(1)" if request == 10 else "select 1"))
                conn.commit()
        except exc.DBAPIError as error:
            seen[outcome(error)] += 1
    return seen


async def async_run(engine, set_local=False):
    seen = {"cancelled": 0, "failed": 0}
    for request in range(1, 21):
        try:
            async with engine.connect() as conn:
                for statement in SET_LOCAL if set_local else []:
                    await conn.execute(statement)
                if tuple((await conn.execute(SHOW)).one()) != EXPECTED:
                    seen["failed"] += 1
                await conn.execute(text("select pg_sleep(1)" if request == 10 else "select 1"))
                await conn.commit()
        except exc.DBAPIError as error:
            seen[outcome(error)] += 1
    return seen


def report(name, seen):
    print(f"{name}: {seen['cancelled']} cancelled, 20 requests, failures: {seen['failed']}")
    #> psycopg, options: 1 cancelled, 20 requests, failures: 0
    #> psycopg, set local: 1 cancelled, 20 requests, failures: 0
    #> asyncpg, server_settings: 1 cancelled, 20 requests, failures: 0
    #> asyncpg, set local: 1 cancelled, 20 requests, failures: 0
    #> psycopg, database defaults: 1 cancelled, 20 requests, failures: 0


options = " ".join(f"-c {name}={value}" for name, value in GUARDS.items())
engine = create_engine(url, connect_args={"options": options})  # (3)!
report("psycopg, options", sync_run(engine))
engine.dispose()
engine = create_engine(url)
report("psycopg, set local", sync_run(engine, set_local=True))  # (4)!
engine.dispose()


async def main():
    engine = create_async_engine(async_url, connect_args={"server_settings": GUARDS})  # (5)!
    report("asyncpg, server_settings", await async_run(engine))
    await engine.dispose()
    engine = create_async_engine(async_url)
    report("asyncpg, set local", await async_run(engine, set_local=True))
    await engine.dispose()


asyncio.run(main())
ALTER_DATABASE = "do $$ begin execute format('alter database %I {}', current_database()); end $$"
with engine.connect() as conn:
    for name, value in GUARDS.items():
        conn.execute(text(ALTER_DATABASE.format(f"set {name} = {value}")))  # (6)!
    conn.commit()
engine.dispose()  # the defaults apply to server sessions that start from now on
report("psycopg, database defaults", sync_run(engine))
with engine.connect() as conn:
    for name in GUARDS:
        conn.execute(text(ALTER_DATABASE.format(f"reset {name}")))
    conn.commit()
engine.dispose()
