# needs: postgresql+psycopg2, postgresql+psycopg
import os

from sqlalchemy import create_engine, event, exc, make_url, text

url = make_url(os.environ["DATABASE_URL"])


def fork_worker(engine, close):
    child = os.fork()
    if child == 0:  # the worker process
        code = 1
        try:
            engine.dispose(close=close)  # (1)!
            with engine.connect() as conn:
                conn.scalar(text("select 1"))
            code = 0
        finally:
            os._exit(code)
    os.waitpid(child, 0)


for close in (True, False):
    engine = create_engine(url)
    with engine.connect() as conn:
        conn.scalar(text("select 1"))  # the pool now holds a connection the child inherits
    fork_worker(engine, close)
    try:
        with engine.connect() as conn:
            result = conn.scalar(text("select 'ok'"))
    except exc.OperationalError as error:
        result = str(error.orig).splitlines()[0].split("failed: ")[-1]  # (2)!
    print(f"dispose(close={close}): {result}")
    #> dispose(close=True): server closed the connection unexpectedly
    #> dispose(close=False): ok
    engine.dispose()


def add_pid_check(engine):  # (3)!
    @event.listens_for(engine, "connect")
    def connect(dbapi_connection, connection_record):
        connection_record.info["pid"] = os.getpid()

    @event.listens_for(engine, "checkout")
    def checkout(dbapi_connection, connection_record, connection_proxy):
        pid = os.getpid()
        if connection_record.info["pid"] != pid:
            connection_record.dbapi_connection = connection_proxy.dbapi_connection = None
            raise exc.DisconnectionError(
                f"Connection record belongs to pid {connection_record.info['pid']}, "
                f"attempting to check out in pid {pid}"
            )


def after_fork_in_child(engine, fix):  # (4)!
    if fix == "dispose(close=False)":
        engine.dispose(close=False)


def worker(engine, fix):  # a forked worker: the hook, then a few tasks
    after_fork_in_child(engine, fix)
    for _ in range(3):
        with engine.connect() as conn:
            conn.scalar(text("select 1"))


for driver in ("psycopg", "psycopg2"):
    for fix in ("dispose(close=False)", "pid check at checkout"):
        engine = create_engine(url.set(drivername=f"postgresql+{driver}"))
        if fix == "pid check at checkout":
            add_pid_check(engine)
        failures = 0
        for _ in range(4):  # (5)!
            with engine.connect() as conn:
                conn.scalar(text("select 1"))  # an idle connection in the pool at each fork
            children = []
            for _ in range(5):
                child = os.fork()
                if child == 0:
                    code = 1
                    try:
                        worker(engine, fix)
                        code = 0
                    finally:
                        os._exit(code)
                children.append(child)
            for _ in range(10):  # the parent goes on using its pooled connection meanwhile
                with engine.connect() as conn:
                    conn.scalar(text("select 1"))
            failures += sum(os.waitpid(child, 0)[1] != 0 for child in children)
        print(f"{driver}, {fix}: 20 worker processes, failures: {failures}")
        #> psycopg, dispose(close=False): 20 worker processes, failures: 0
        #> psycopg, pid check at checkout: 20 worker processes, failures: 0
        #> psycopg2, dispose(close=False): 20 worker processes, failures: 0
        #> psycopg2, pid check at checkout: 20 worker processes, failures: 0
        engine.dispose()
