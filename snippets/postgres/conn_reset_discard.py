# needs: postgresql+psycopg
import logging
import os

from sqlalchemy import create_engine, event, exc, text

url = os.environ["DATABASE_URL"]
SESSION_STATE = ("CLOSE ALL", "RESET ALL", "UNLISTEN *", "SELECT pg_advisory_unlock_all()", "DISCARD TEMP")


def reset_session_state(dbapi_connection, connection_record, reset_state):
    if reset_state.terminate_only:  # (1)!
        return
    dbapi_connection.rollback()  # (2)!
    dbapi_connection.autocommit = True  # (3)!
    cursor = dbapi_connection.cursor()
    for statement in SESSION_STATE:  # (4)!
        cursor.execute(statement)
    cursor.close()
    dbapi_connection.autocommit = False


def discard_all(dbapi_connection, connection_record, reset_state):
    dbapi_connection.rollback()
    if not reset_state.terminate_only:
        dbapi_connection.autocommit = True
        dbapi_connection.execute("DISCARD ALL")  # (5)!
        dbapi_connection.autocommit = False


def reset_then_rollback(dbapi_connection, connection_record, reset_state):
    if not reset_state.terminate_only:
        dbapi_connection.execute("CLOSE ALL")
        dbapi_connection.execute("RESET ALL")
        dbapi_connection.execute("DISCARD TEMP")
    dbapi_connection.rollback()  # (6)!


CLEAN = ("web-app", '"$user", public', 0, 0, 0)
STATE = text(
    "select current_setting('application_name'), current_setting('search_path'),"
    " (select count(*) from pg_class where relname = 'scratch' and relnamespace = pg_my_temp_schema()),"
    " (select count(*) from pg_locks where locktype = 'advisory' and pid = pg_backend_pid()),"
    " (select count(*) from pg_listening_channels())"
)


def request(engine):
    with engine.connect() as conn:
        clean = tuple(conn.execute(STATE).one()) == CLEAN  # what the previous request left
        conn.execute(text("set application_name = 'nightly-report'"))  # (7)!
        conn.execute(text("set search_path = reports, public"))
        conn.execute(text("create temp table scratch (n int)"))
        conn.execute(text("select pg_advisory_lock(42)"))
        conn.execute(text("listen jobs"))
        conn.commit()
    return clean


first_error = {}
reset_errors = []
handler = logging.Handler()
handler.emit = reset_errors.append  # "Exception during reset or similar", logged by the pool
logging.getLogger("sqlalchemy.pool").addHandler(handler)
cases = [
    ("discard_all", discard_all, {}),
    ("discard_all, prepare_threshold=None", discard_all, {"prepare_threshold": None}),  # (8)!
    ("reset_session_state", reset_session_state, {}),
    ("reset_then_rollback", reset_then_rollback, {}),
]
for name, reset, options in cases:
    engine = create_engine(url, pool_size=1, pool_reset_on_return=None,  # (9)!
                           connect_args={"application_name": "web-app", **options})
    event.listen(engine, "reset", reset)
    reset_errors.clear()
    failures = 0
    for number in range(1, 21):
        try:
            failures += not request(engine)
        except exc.DBAPIError as error:
            failures += 1
            first_error.setdefault(name, f"request {number}: {str(error.orig).splitlines()[0]}")
    failures += len(reset_errors)
    print(f"{name}: 20 requests, failures: {failures}")
    #> discard_all: 20 requests, failures: 3
    #> discard_all, prepare_threshold=None: 20 requests, failures: 0
    #> reset_session_state: 20 requests, failures: 0
    #> reset_then_rollback: 20 requests, failures: 19
    engine.dispose()
logging.getLogger("sqlalchemy.pool").removeHandler(handler)
print(first_error["discard_all"])
#> request 7: prepared statement "_pg3_0" does not exist
