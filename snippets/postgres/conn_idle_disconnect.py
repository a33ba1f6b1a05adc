# needs: postgresql+psycopg
import os

from sqlalchemy import create_engine, exc, text

url = os.environ["DATABASE_URL"]
admin = create_engine(url)  # (1)!


def kill_idle_connection(engine):
    with engine.connect() as conn:
        backend = conn.scalar(text("select pg_backend_pid()"))  # (2)!
    with admin.connect() as conn:  # the connection above is now idle in the pool
        conn.scalar(text("select pg_terminate_backend(:pid, 5000)"), {"pid": backend})  # (3)!


engine = create_engine(url)
kill_idle_connection(engine)
try:
    with engine.connect() as conn:
        conn.scalar(text("select 'ok'"))
except exc.OperationalError as error:
    print(type(error.orig).__name__, error.orig.sqlstate, error.connection_invalidated)  # (4)!
    #> AdminShutdown 57P01 True
    print(str(error).splitlines()[0])
    '''
    (psycopg.errors.AdminShutdown) terminating connection due to administrator command
    '''
with engine.connect() as conn:
    print("next checkout:", conn.scalar(text("select 'ok'")))
    #> next checkout: ok
engine.dispose()

engine = create_engine(url, pool_pre_ping=True)  # (5)!
kill_idle_connection(engine)
with engine.connect() as conn:
    print("with pre-ping:", conn.scalar(text("select 'ok'")))
    #> with pre-ping: ok
engine.dispose()
admin.dispose()
