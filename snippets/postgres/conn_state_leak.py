# needs: postgresql+psycopg
import os

from sqlalchemy import create_engine, text

url = os.environ["DATABASE_URL"]
engine = create_engine(url, pool_size=1)  # (1)!


# This session's own temporary table: pg_tables would also list another session's.
OWN_SCRATCH_TABLES = "(select count(*) from pg_class where relname = 'scratch' and relnamespace = pg_my_temp_schema())"


def show_state(conn):
    return (conn.scalar(text("show application_name")), conn.scalar(text("show search_path")),
            conn.scalar(text(f"select {OWN_SCRATCH_TABLES}")),
            conn.scalar(text("select count(*) from pg_locks where locktype = 'advisory' and pid = pg_backend_pid()")))


with engine.connect() as conn:  # a report job tunes its connection
    conn.execute(text("set application_name = 'nightly-report'"))
    conn.execute(text("set search_path = reports, public"))
    conn.execute(text("create temp table scratch (n int)"))
    conn.execute(text("select pg_advisory_lock(42)"))  # a session-level lock
    conn.commit()  # (2)!

with engine.connect() as conn:  # (3)!
    print(show_state(conn))
    #> ('nightly-report', 'reports, public', 1, 1)
engine.dispose()
