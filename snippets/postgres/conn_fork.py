# needs: postgresql+psycopg
import gc
import os
import time
import weakref

from sqlalchemy import create_engine, exc, text

url = os.environ["DATABASE_URL"]


def wait_for(child, timeout=10):  # (1)!
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        pid, status = os.waitpid(child, os.WNOHANG)
        if pid:
            return os.waitstatus_to_exitcode(status)
        time.sleep(0.05)
    os.kill(child, 9)
    os.waitpid(child, 0)
    return "killed after 10 s"


for close in (True, False):
    engine = create_engine(url)  # no pre-ping, so that the damage shows
    with engine.connect() as conn:
        conn.scalar(text("select 1"))  # (2)!
        inherited = weakref.ref(conn.connection.dbapi_connection)

    child = os.fork()
    if child == 0:
        code = 1
        try:
            engine.dispose(close=close)  # (3)!
            gc.collect()
            with engine.connect() as conn:
                conn.scalar(text("select 1"))
            code = 0 if inherited() is None else 2  # 2: the inherited connection is still alive
        finally:
            os._exit(code)  # (4)!
    exit_code = wait_for(child)

    try:
        with engine.connect() as conn:
            result = conn.scalar(text("select 'ok'"))
    except exc.OperationalError as error:
        result = str(error.orig).splitlines()[0].split("failed: ")[-1]  # (5)!
    print(f"close={close!s:5} child exit {exit_code}, parent: {result}")
    #> close=True  child exit 0, parent: server closed the connection unexpectedly
    #> close=False child exit 0, parent: ok
    engine.dispose()
