import os

from sqlalchemy import create_engine, exc, text

url = os.environ["DATABASE_URL"]
admin = create_engine(url)  # a second engine plays the administrator


def kill_idle_connection(engine):
    with engine.connect() as conn:
        raw = conn.connection.dbapi_connection
    backend = raw.info.backend_pid  # the server process behind it; never printed
    with admin.connect() as conn:
        conn.scalar(text("select pg_terminate_backend(:pid, 5000)"), {"pid": backend})
    return raw


engine = create_engine(url)
kill_idle_connection(engine)
try:
    with engine.connect() as conn:
        conn.scalar(text("select 'ok'"))
except exc.DBAPIError as error:
    print(type(error).__name__, error.connection_invalidated)
    #> OperationalError True
    print(error)
    '''
    (psycopg.errors.AdminShutdown) terminating connection due to administrator command
    [SQL: select 'ok']
    (Background on this error at: https://sqlalche.me/e/21/e3q8)
    '''
with engine.connect() as conn:
    print("next checkout:", conn.scalar(text("select 'ok'")))
    #> next checkout: ok
engine.dispose()

engine = create_engine(url, pool_pre_ping=True)
dead = kill_idle_connection(engine)
with engine.connect() as conn:
    print("with pre-ping:", conn.scalar(text("select 'ok'")))
    #> with pre-ping: ok
    print("replaced the dead connection:", conn.connection.dbapi_connection is not dead)
    #> replaced the dead connection: True
engine.dispose()
admin.dispose()
