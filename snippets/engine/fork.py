# needs: sqlite+pysqlite
import multiprocessing
import os

from sqlalchemy import create_engine, event, exc, text

parent = os.getpid()


def make_engine(pid_check=False):
    engine = create_engine("sqlite:///app.db")

    @event.listens_for(engine, "connect")
    def remember_pid(dbapi_conn, record):
        record.info["pid"] = os.getpid()  # (1)!

    if pid_check:

        @event.listens_for(engine, "checkout")
        def check_pid(dbapi_conn, record, proxy):  # (2)!
            if record.info["pid"] != os.getpid():
                record.dbapi_connection = proxy.dbapi_connection = None
                raise exc.DisconnectionError("connection belongs to another process")

    with engine.connect() as conn:  # (3)!
        conn.execute(text("select 1"))
    return engine


def task(n):
    with engine.begin() as conn:
        conn.execute(text("select 1"))
        return conn.connection.info["pid"] == parent  # on the parent's connection?


def dispose_in_child():
    engine.dispose(close=False)  # (4)!


def run(name, initializer=None):
    ctx = multiprocessing.get_context("fork")  # (5)!
    with ctx.Pool(4, initializer=initializer) as workers:
        failures = sum(workers.map(task, range(20)))
    print(f"{name}: 20 tasks, failures: {failures}")
    #> no hook: 20 tasks, failures: 20
    #> dispose(close=False) in the child: 20 tasks, failures: 0
    #> dispose() in the parent before fork: 20 tasks, failures: 0
    #> pid check at checkout: 20 tasks, failures: 0


engine = make_engine()
run("no hook")
run("dispose(close=False) in the child", initializer=dispose_in_child)
engine.dispose()  # (6)!
run("dispose() in the parent before fork")
engine.dispose()

engine = make_engine(pid_check=True)
run("pid check at checkout")
with engine.connect() as conn:
    print("parent still works:", conn.scalar(text("select 'ok'")))
    #> parent still works: ok
engine.dispose()
