import os

from sqlalchemy import create_engine, event, text

url = os.environ["DATABASE_URL"]


def rollback_then_discard(dbapi_connection, connection_record, reset_state):
    dbapi_connection.rollback()  # (1)!
    if not reset_state.terminate_only:  # (2)!
        dbapi_connection.autocommit = True
        dbapi_connection.execute("DISCARD ALL")  # (3)!
        dbapi_connection.autocommit = False


def reset_then_rollback(dbapi_connection, connection_record, reset_state):
    if not reset_state.terminate_only:
        dbapi_connection.execute("CLOSE ALL")
        dbapi_connection.execute("RESET ALL")
        dbapi_connection.execute("DISCARD TEMP")
    dbapi_connection.rollback()  # (4)!


for handler in (rollback_then_discard, reset_then_rollback):
    engine = create_engine(url, pool_size=1, pool_reset_on_return=None,  # (5)!
                           connect_args={"application_name": "web-app"})
    event.listen(engine, "reset", handler)
    with engine.connect() as conn:
        conn.execute(text("set application_name = 'nightly-report'"))
        conn.execute(text("set search_path = reports, public"))
        conn.execute(text("create temp table scratch (n int)"))
        conn.commit()
    with engine.connect() as conn:
        state = (conn.scalar(text("show application_name")), conn.scalar(text("show search_path")),
                 conn.scalar(text("select count(*) from pg_tables where tablename = 'scratch'")))
        print(f"{handler.__name__}: {state}")
        #> rollback_then_discard: ('web-app', '"$user", public', 0)
        #> reset_then_rollback: ('nightly-report', 'reports, public', 1)
    engine.dispose()
