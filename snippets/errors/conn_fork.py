import os

from sqlalchemy import create_engine, exc, text

url = os.environ["DATABASE_URL"]


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
