# needs: sqlite+pysqlite
import threading
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import create_engine, exc, text

THREADS = 5


def restart_database(engine):
    """Fill the pool with five connections, then close them all while they are idle."""
    conns = [engine.connect() for _ in range(THREADS)]
    raw = [conn.connection.dbapi_connection for conn in conns]
    for conn in conns:
        conn.close()
    for dbapi_conn in raw:
        dbapi_conn.close()  # (1)!


def after_restart(threads, **options):
    engine = create_engine("sqlite:///app.db", pool_size=THREADS, **options)
    restart_database(engine)
    first_wave = threading.Barrier(threads, timeout=5)

    def request(n):
        try:
            with engine.connect() as conn:
                if n < threads:
                    first_wave.wait()  # (2)!
                conn.scalar(text("select 'ok'"))
            return 0
        except exc.DBAPIError:
            return 1

    with ThreadPoolExecutor(max_workers=threads) as workers:  # (3)!
        failures = sum(workers.map(request, range(20)))
    engine.dispose()
    return f"20 requests, failures: {failures}"


print("no pre-ping, 1 thread:  ", after_restart(1))  # (4)!
#> no pre-ping, 1 thread:   20 requests, failures: 1
print("no pre-ping, 5 threads: ", after_restart(THREADS))  # (5)!
#> no pre-ping, 5 threads:  20 requests, failures: 5
print("pre-ping, 5 threads:    ", after_restart(THREADS, pool_pre_ping=True))  # (6)!
#> pre-ping, 5 threads:     20 requests, failures: 0
print(
    "pre-ping + recycle:     ",
    after_restart(THREADS, pool_pre_ping=True, pool_recycle=3600),
)
#> pre-ping + recycle:      20 requests, failures: 0
