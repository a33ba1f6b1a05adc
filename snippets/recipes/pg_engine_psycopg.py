# needs: postgresql+psycopg
import multiprocessing
import os
import threading
import time

import psycopg
from sqlalchemy import create_engine, event, exc, func, select, text
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column
from sqlalchemy.pool import NullPool

url = os.environ["DATABASE_URL"]  # postgresql+psycopg://app:secret@db.example.com:5432/shop
engine = create_engine(
    url,
    pool_size=4, max_overflow=2,  # (1)!
    pool_timeout=10,
    pool_pre_ping=True,
    pool_recycle=240,
    pool_use_lifo=True,
    connect_args={
        "application_name": "web-app",
        "connect_timeout": 5,
        "keepalives_idle": 30, "keepalives_interval": 10, "keepalives_count": 3,
        "tcp_user_timeout": 60000,
        "options": "-c statement_timeout=30s -c lock_timeout=5s -c idle_in_transaction_session_timeout=60s",
    },
)
os.register_at_fork(after_in_child=lambda: engine.dispose(close=False))  # (2)!


SOCKET_CLOSED = "connection socket closed"  # psycopg 3.3 and later


@event.listens_for(engine, "handle_error")
def lost_socket_is_a_disconnect(context):  # (3)!
    error = context.original_exception
    while error is not None:  # the error, or the one being handled when it was raised
        if isinstance(error, psycopg.OperationalError) and str(error) == SOCKET_CLOSED:
            context.is_disconnect = True
            return
        error = error.__context__


class Base(DeclarativeBase):
    pass


class Order(Base):
    __tablename__ = "orders"
    id: Mapped[int] = mapped_column(primary_key=True)
    item: Mapped[str]


retried = []


def run_with_retry(work):  # (4)!
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
on_parents = []  # requests of this worker process that ran on the parent's server connection


def meet():
    pause.wait(timeout=30)
    resume.wait(timeout=30)


def thread(process, number, failures):
    for request in range(REQUESTS):
        def place_order(session, request=request):
            session.add(Order(item=f"{process}-{number}-{request}"))
            session.flush()  # the transaction is open and holds its connection
            if session.scalar(text("select pg_backend_pid()")) == parent:
                on_parents.append(request)
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
    reports.put((THREADS * REQUESTS, len(failures), retried, len(on_parents)))


admin = create_engine(url, poolclass=NullPool, isolation_level="AUTOCOMMIT")  # (5)!
Base.metadata.drop_all(admin)
Base.metadata.create_all(admin)
with engine.connect() as conn:  # the parent uses the engine: this connection stays in its pool across the fork
    parent, *settings = conn.execute(text(
        "select pg_backend_pid(), current_setting('statement_timeout'), current_setting('lock_timeout'),"
        " current_setting('idle_in_transaction_session_timeout')"
    )).one()
print("statement, lock, idle-in-transaction timeouts:", *settings)
#> statement, lock, idle-in-transaction timeouts: 30s 5s 1min
WORKERS = (" from pg_stat_activity where datname = current_database() and application_name = 'web-app'"
           " and pid <> :parent")  # every connection of the workers, not the parent's
processes = [fork.Process(target=serve, args=(p,)) for p in range(PROCESSES)]
try:
    for p in processes:
        p.start()
    with admin.connect() as conn:
        pause.wait(timeout=30)  # every thread of every process holds a connection
        at_peak = conn.scalar(text("select count(*)" + WORKERS), {"parent": parent})
        resume.wait(timeout=30)
        pause.wait(timeout=30)  # thread 0 of each process inside a transaction, the others between requests
        killed = conn.scalars(text("select pid, pg_terminate_backend(pid)" + WORKERS), {"parent": parent}).all()  # (6)!
        deadline = time.monotonic() + 10
        while conn.scalar(text("select count(*) from pg_stat_activity where pid = any(:killed)"), {"killed": killed}):
            if time.monotonic() > deadline:
                raise TimeoutError("terminated connections still open after 10 s")
            time.sleep(0.005)  # until every one of them has exited
        resume.wait(timeout=30)
        results = [reports.get(timeout=30) for _ in processes]
        limit, reserved = conn.execute(text(
            "select current_setting('max_connections')::int, current_setting('superuser_reserved_connections')::int"
        )).one()
finally:
    pause.abort()  # a parent that failed releases the workers at once
    resume.abort()
    for p in processes:
        p.join(timeout=10)
        if p.is_alive():
            p.terminate()
            p.join()
requests = sum(r[0] for r in results)
print(f"{PROCESSES} processes x {THREADS} threads, {requests} requests, failures: {sum(r[1] for r in results)}")
#> 4 processes x 6 threads, 192 requests, failures: 0
names = [name for r in results for name in r[2]]
print("retried once after a disconnect:", len(names))
#> retried once after a disconnect: 4
with Session(admin) as session:
    print("orders committed:", session.scalar(select(func.count()).select_from(Order)))
    #> orders committed: 192
print("requests on the parent's server connection:", sum(r[3] for r in results))
#> requests on the parent's server connection: 0
with engine.connect() as conn:  # the connection the parent kept across the fork
    same = conn.scalar(text("select pg_backend_pid()")) == parent
print("the parent's pooled connection afterwards, same server session:", same)
#> the parent's pooled connection afterwards, same server session: True
print(f"worker connections at the peak: {at_peak}; max_connections {limit}, {reserved} reserved")  # (7)!
#> worker connections at the peak: 24; max_connections 30, 3 reserved
engine.dispose()
admin.dispose()
