# needs: postgresql+psycopg
import os
import time

from sqlalchemy import create_engine, exc, text

url = os.environ["DATABASE_URL"]
engine = create_engine(url, pool_size=2)


def dispose_in_child():
    engine.dispose(close=False)  # (1)!


os.register_at_fork(after_in_child=dispose_in_child)  # (2)!


def request():
    with engine.connect() as conn:
        conn.execute(text("select 1"))
        conn.commit()


def wait_for(child, timeout=10):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        pid, status = os.waitpid(child, os.WNOHANG)
        if pid:
            return os.waitstatus_to_exitcode(status)
        time.sleep(0.02)
    os.kill(child, 9)
    os.waitpid(child, 0)
    return 1


held = [engine.connect() for _ in range(2)]  # the parent's pool holds two connections
for conn in held:
    conn.close()
children = []
for _ in range(4):
    child = os.fork()
    if child == 0:  # (3)!
        failures = 0
        try:
            for _ in range(5):
                try:
                    request()
                except exc.DBAPIError:
                    failures += 1
        finally:
            os._exit(failures)
    children.append(child)

failures = 0
for _ in range(20):  # the parent keeps serving while the children run
    try:
        request()
    except exc.DBAPIError:
        failures += 1
failures += sum(wait_for(child) for child in children)
print(f"4 children x 5 requests, parent 20 requests, failures: {failures}")
#> 4 children x 5 requests, parent 20 requests, failures: 0
engine.dispose()
