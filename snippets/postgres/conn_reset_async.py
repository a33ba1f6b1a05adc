# needs: postgresql+asyncpg
import asyncio
import logging
import os
import re

from sqlalchemy import event, exc, make_url, text
from sqlalchemy.ext.asyncio import create_async_engine

url = make_url(os.environ["DATABASE_URL"]).set(drivername="postgresql+asyncpg")
SESSION_STATE = ("CLOSE ALL", "RESET ALL", "UNLISTEN *", "SELECT pg_advisory_unlock_all()", "DISCARD TEMP")


def reset(statements):
    def handler(dbapi_connection, connection_record, reset_state):  # (1)!
        if reset_state.terminate_only:
            return
        dbapi_connection.rollback()
        dbapi_connection.autocommit = True
        cursor = dbapi_connection.cursor()
        for statement in statements:
            cursor.execute(statement)
        cursor.close()
        dbapi_connection.autocommit = False
    return handler


CLEAN = ("web-app", '"$user", public', 0, 0, 0)
STATE = text(
    "select current_setting('application_name'), current_setting('search_path'),"
    " (select count(*) from pg_class where relname = 'scratch' and relnamespace = pg_my_temp_schema()),"
    " (select count(*) from pg_locks where locktype = 'advisory' and pid = pg_backend_pid()),"
    " (select count(*) from pg_listening_channels())"
)


async def request(engine):
    async with engine.connect() as conn:
        clean = tuple((await conn.execute(STATE)).one()) == CLEAN
        await conn.execute(text("set application_name = 'nightly-report'"))
        await conn.execute(text("set search_path = reports, public"))
        await conn.execute(text("create temp table scratch (n int)"))
        await conn.execute(text("select pg_advisory_lock(42)"))
        await conn.execute(text("listen jobs"))
        await conn.commit()
    return clean


async def main():
    first_error = {}
    reset_errors = []
    handler = logging.Handler()
    handler.emit = reset_errors.append
    logging.getLogger("sqlalchemy.pool").addHandler(handler)
    cases = [
        ("DISCARD ALL", ["DISCARD ALL"], {}),
        ("DISCARD ALL, statement_cache_size=0", ["DISCARD ALL"], {"statement_cache_size": 0}),  # (2)!
        ("reset_session_state", SESSION_STATE, {}),
    ]
    for name, statements, options in cases:
        engine = create_async_engine(url, pool_size=1, pool_reset_on_return=None,
                                     connect_args={"server_settings": {"application_name": "web-app"}, **options})
        event.listen(engine.sync_engine, "reset", reset(statements))  # (3)!
        reset_errors.clear()
        failures = 0
        for number in range(1, 21):
            try:
                failures += not await request(engine)
            except exc.DBAPIError as error:
                failures += 1
                message = re.sub(r"__asyncpg_stmt_\w+?__", "__asyncpg_stmt_N__", str(error.orig).splitlines()[0].split(">: ")[-1])
                first_error.setdefault(name, f"request {number}: {message}")
        failures += len(reset_errors)
        print(f"{name}: 20 requests, failures: {failures}")
        #> DISCARD ALL: 20 requests, failures: 20
        #> DISCARD ALL, statement_cache_size=0: 20 requests, failures: 0
        #> reset_session_state: 20 requests, failures: 0
        await engine.dispose()
    logging.getLogger("sqlalchemy.pool").removeHandler(handler)
    print(first_error["DISCARD ALL"])
    #> request 2: prepared statement "__asyncpg_stmt_N__" does not exist


asyncio.run(main())
