# needs: postgresql+psycopg2
import multiprocessing
import os
import threading
import time

from sqlalchemy import create_engine, exc, func, make_url, select, text
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column
from sqlalchemy.pool import NullPool

url = make_url(os.environ["DATABASE_URL"]).set(drivername="postgresql+psycopg2")  # (1)!
engine = create_engine(
    url,
    pool_size=4, max_overflow=2,
    pool_timeout=10,
    pool_pre_ping=True,
    pool_recycle=240,
    pool_use_lifo=True,
    connect_args={
        "application_name": "web-app",
        "connect_timeout": 5,  # (2)!
        "keepalives_idle": 30, "keepalives_interval": 10, "keepalives_count": 3,
        "tcp_user_timeout": 60000,
        "options": "-c statement_timeout=30s -c lock_timeout=5s -c idle_in_transaction_session_timeout=60s",
    },
)
os.register_at_fork(after_in_child=lambda: engine.dispose(close=False))


class Base(DeclarativeBase):
    pass


class Order(Base):
    __tablename__ = "orders"
    id: Mapped[int] = mapped_column(primary_key=True)
    item: Mapped[str]


retried = []


def run_with_retry(work):
    for attempt in (1, 2):
        with Session(engine) as session:
            try:
                work(session)
                session.commit()
                return
            except exc.DBAPIError as error:
                session.rollback()
                if attempt == 2 or not error.connection_invalidated:
                    raise
                retried.append(type(error.orig).__name__)


# Everything below proves the engine: 4 worker processes x 6 threads, and a kill in the middle.
PROCESSES, THREADS, REQUESTS = 4, 6, 8
PEAK, KILL = 2, 5  # the requests at which every thread of every process meets the parent
fork = multiprocessing.get_context("fork")
pause, resume = fork.Barrier(PROCESSES * THREADS + 1, timeout=60), fork.Barrier(PROCESSES * THREADS + 1, timeout=60)
reports = fork.Queue()


def meet():
    pause.wait(timeout=30)
    resume.wait(timeout=30)


def thread(process, number, failures):
    for request in range(REQUESTS):
        def place_order(session, request=request):
            session.add(Order(item=f"{process}-{number}-{request}"))
            session.flush()  # the transaction is open and holds its connection
            if request == PEAK or (request == KILL and number == 0 and not retried):
                meet()
        if request == KILL and number != 0:
            meet()  # between two requests: this thread's connection is idle in the pool
        try:
            run_with_retry(place_order)
        except exc.DBAPIError as error:
            failures.append(error)


def serve(process):  # one worker process of the application
    failures = []
    threads = [threading.Thread(target=thread, args=(process, n, failures)) for n in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    engine.dispose()
    reports.put((THREADS * REQUESTS, len(failures), retried))


admin = create_engine(url, poolclass=NullPool, isolation_level="AUTOCOMMIT")
Base.metadata.drop_all(admin)
Base.metadata.create_all(admin)
with engine.connect() as conn:
    settings = conn.execute(text(
        "select current_setting('statement_timeout'), current_setting('lock_timeout'),"
        " current_setting('idle_in_transaction_session_timeout')"
    )).one()
print("statement, lock, idle-in-transaction timeouts:", *settings)
#> statement, lock, idle-in-transaction timeouts: 30s 5s 1min
engine.dispose()  # the parent serves no requests: it keeps no connection across the fork
WORKERS = " from pg_stat_activity where datname = current_database() and application_name = 'web-app'"
processes = [fork.Process(target=serve, args=(p,)) for p in range(PROCESSES)]
try:
    for p in processes:
        p.start()
    with admin.connect() as conn, admin.connect() as sampler:
        counts, done = [], threading.Event()

        def sample():
            while not done.is_set():
                counts.append(sampler.scalar(text("select count(*)" + WORKERS)))
                time.sleep(0.005)

        sampling = threading.Thread(target=sample)
        sampling.start()
        try:
            pause.wait(timeout=30)  # every thread of every process holds a connection
            seen = len(counts)
            while len(counts) < seen + 2:
                time.sleep(0.005)
            resume.wait(timeout=30)
            pause.wait(timeout=30)  # thread 0 of each process inside a transaction, the others between requests
            killed = conn.execute(text(
                "select pid, pg_terminate_backend(pid) from pg_stat_activity"
                " where datname = current_database() and pid not in (pg_backend_pid(), :sampler)"
            ), {"sampler": sampler.scalar(text("select pg_backend_pid()"))}).scalars().all()
            while conn.scalar(text("select count(*) from pg_stat_activity where pid = any(:killed)"), {"killed": killed}):
                time.sleep(0.005)  # until every one of them has exited
            resume.wait(timeout=30)
            results = [reports.get(timeout=30) for _ in processes]
        finally:
            done.set()
            sampling.join()
        limit, reserved = conn.execute(text(
            "select current_setting('max_connections')::int, current_setting('superuser_reserved_connections')::int"
        )).one()
finally:
    for p in processes:
        p.join(timeout=10)
        if p.is_alive():
            p.terminate()
            p.join()
requests = sum(r[0] for r in results)
print(f"{PROCESSES} processes x {THREADS} threads, {requests} requests, failures: {sum(r[1] for r in results)}")
#> 4 processes x 6 threads, 192 requests, failures: 0
names = [name for r in results for name in r[2]]
print("retried once after a disconnect:", len(names), "x", *sorted(set(names)))
#> retried once after a disconnect: 4 x OperationalError
with Session(admin) as session:
    print("orders committed:", session.scalar(select(func.count()).select_from(Order)))
    #> orders committed: 192
print(f"peak in pg_stat_activity: {max(counts)} connections; max_connections {limit}, {reserved} reserved")
#> peak in pg_stat_activity: 24 connections; max_connections 30, 3 reserved
admin.dispose()
