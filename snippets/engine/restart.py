from sqlalchemy import create_engine, event, exc, text


def restart_database(engine):
    """Fill the pool with three connections, then close them all while they are idle."""
    conns = [engine.connect() for _ in range(3)]
    raw = [conn.connection.dbapi_connection for conn in conns]
    for conn in conns:
        conn.close()
    for dbapi_conn in raw:
        dbapi_conn.close()  # (1)!


def request(engine):
    try:
        with engine.connect() as conn:
            return conn.scalar(text("select 'ok'"))
    except exc.DBAPIError as error:
        return type(error).__name__


def after_restart(**options):
    engine = create_engine("sqlite:///app.db", pool_size=3, **options)
    opened = []
    event.listen(engine, "connect", lambda dbapi_conn, record: opened.append(1))
    restart_database(engine)
    del opened[:]
    results = [request(engine) for _ in range(3)]  # (2)!
    engine.dispose()
    return " ".join(results) + f", reopened: {len(opened)}"


print("no pre-ping:   ", after_restart())
#> no pre-ping:    ProgrammingError ok ok, reopened: 2
print("pre-ping:      ", after_restart(pool_pre_ping=True))
#> pre-ping:       ok ok ok, reopened: 3
print("pre-ping+recycle", after_restart(pool_pre_ping=True, pool_recycle=3600))
#> pre-ping+recycle ok ok ok, reopened: 3
