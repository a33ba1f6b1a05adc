# needs: sqlite+pysqlite (runs in a browser)
from sqlalchemy import create_engine, exc, text


def kill_idle_connection(engine):
    with engine.connect() as conn:
        raw = conn.connection.dbapi_connection  # (1)!
    raw.close()  # (2)!
    return raw


engine = create_engine("sqlite:///app.db")
kill_idle_connection(engine)
try:
    with engine.connect() as conn:
        conn.scalar(text("select 'ok'"))
except exc.DBAPIError as error:
    print(type(error).__name__, error.connection_invalidated)  # (3)!
    #> ProgrammingError True
    print(error)
    '''
    (sqlite3.ProgrammingError) Cannot operate on a closed database.
    [SQL: select 'ok']
    (Background on this error at: https://sqlalche.me/e/21/f405)
    '''
with engine.connect() as conn:
    print("next checkout:", conn.scalar(text("select 'ok'")))
    #> next checkout: ok
engine.dispose()

engine = create_engine("sqlite:///app.db", pool_pre_ping=True)  # (4)!
dead = kill_idle_connection(engine)
with engine.connect() as conn:
    print("with pre-ping:", conn.scalar(text("select 'ok'")))
    #> with pre-ping: ok
    print("replaced the dead connection:", conn.connection.dbapi_connection is not dead)
    #> replaced the dead connection: True
engine.dispose()


def requests_after_each_drop(n, **options):  # (5)!
    engine = create_engine("sqlite:///app.db", **options)
    failures = 0
    for _ in range(n):
        kill_idle_connection(engine)
        try:
            with engine.begin() as conn:
                conn.scalar(text("select 'ok'"))
        except exc.DBAPIError:
            failures += 1
    engine.dispose()
    return f"{n} requests, failures: {failures}"


print("without pre-ping:", requests_after_each_drop(20))
#> without pre-ping: 20 requests, failures: 20
print("with pre-ping:", requests_after_each_drop(20, pool_pre_ping=True))
#> with pre-ping: 20 requests, failures: 0
