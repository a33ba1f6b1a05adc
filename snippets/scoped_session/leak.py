# needs: sqlite+pysqlite
import threading
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import create_engine, exc, text
from sqlalchemy.orm import scoped_session, sessionmaker

engine = create_engine("sqlite:///leak.db", pool_size=2, max_overflow=0, pool_timeout=0.5)  # (1)!
SessionFactory = sessionmaker(engine)
ScopedSession = scoped_session(SessionFactory)
workers = ThreadPoolExecutor(max_workers=3)  # (2)!
all_started = threading.Barrier(3, timeout=5)  # fail, never hang, if a thread is missing
one_at_a_time = threading.Lock()


def leaky_view():
    ScopedSession.execute(text("select 1"))  # (3)!


def fixed_view():
    try:
        ScopedSession.execute(text("select 1"))
    finally:
        ScopedSession.remove()  # (4)!


def serve(view):
    """Three requests, one after another, each on a different worker thread."""
    results = []

    def request(n):
        all_started.wait()  # three different worker threads
        with one_at_a_time:  # requests run one after another
            try:
                view()
                results.append("ok")
            except exc.TimeoutError as error:  # SQLAlchemy's pool timeout, not the builtin
                results.append(f"{type(error).__name__}: {error}")

    list(workers.map(request, range(3)))
    return results


print(serve(leaky_view))  # (5)!
'''
[
    'ok',
    'ok',
    'TimeoutError: QueuePool limit of size 2 overflow 0 reached, connection timed out, timeout 0.50 (Background on this error at: https://sqlalche.me/e/21/3o7r)',
]
'''
print(engine.pool.checkedout())  # (6)!
#> 2

serve(lambda: ScopedSession.remove())  # clean up the leaked sessions


def fixed_request(n):
    try:
        fixed_view()
        return 0
    except exc.TimeoutError:
        return 1


failures = sum(workers.map(fixed_request, range(20)))  # (7)!
print(f"with remove(), 3 threads at once: 20 requests, failures: {failures}")
#> with remove(), 3 threads at once: 20 requests, failures: 0
print("connections checked out:", engine.pool.checkedout())
#> connections checked out: 0

workers.shutdown()
engine.dispose()
