# needs: postgresql+psycopg
import os
import threading
import time

from sqlalchemy import create_engine, exc, text

url = os.environ["DATABASE_URL"]
admin = create_engine(url, isolation_level="AUTOCOMMIT")
idle_timeout = {"options": "-c idle_session_timeout=500"}  # (1)!


def wait_until_closed(pids):  # the server closes each connection 0.5 s after its last use
    with admin.connect() as conn:
        while conn.scalar(text("select count(*) from pg_stat_activity where pid = any(:pids)"), {"pids": pids}):
            time.sleep(0.02)


def four_requests(engine):
    pids, failures, barrier = [], [], threading.Barrier(4)

    def request():
        try:
            with engine.connect() as conn:
                pids.append(conn.scalar(text("select pg_backend_pid()")))
                barrier.wait(timeout=5)  # four requests at once: four connections
        except (exc.DBAPIError, threading.BrokenBarrierError) as error:
            failures.append(error)

    threads = [threading.Thread(target=request) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return pids, failures


engine = create_engine(url, connect_args=idle_timeout)
with engine.connect() as conn:
    pid = conn.scalar(text("select pg_backend_pid()"))
wait_until_closed([pid])
try:
    with engine.connect() as conn:
        conn.scalar(text("select 1"))
except exc.OperationalError as error:
    print(type(error.orig).__name__, error.connection_invalidated, "|", error.orig)  # (2)!
    #> IdleSessionTimeout True | terminating connection due to idle-session timeout
engine.dispose()

engine = create_engine(url, connect_args=idle_timeout, pool_recycle=0.25, pool_pre_ping=True)  # (3)!
requests, failures = 0, []
for round_ in range(6):
    pids, failed = four_requests(engine)
    failures += failed
    if round_:
        requests += 4
    wait_until_closed(pids)
print(f"pool_recycle and pre-ping: {requests} requests, failures: {len(failures)}")
#> pool_recycle and pre-ping: 20 requests, failures: 0
engine.dispose()
admin.dispose()
