# needs: postgresql+psycopg
import os
import threading

import psycopg
from sqlalchemy import create_engine, event, exc, func, select, text
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class Order(Base):
    __tablename__ = "orders"
    id: Mapped[int] = mapped_column(primary_key=True)
    item: Mapped[str]


url = os.environ["DATABASE_URL"]
engine = create_engine(
    url,
    pool_size=4, max_overflow=2, pool_timeout=10,  # (1)!
    pool_pre_ping=True,
    pool_recycle=240,  # (2)!
    pool_use_lifo=True,
    pool_reset_on_return=None,  # (3)!
    connect_args={
        "application_name": "web-app",
        "connect_timeout": 5,  # (4)!
        "keepalives_idle": 30, "keepalives_interval": 10, "keepalives_count": 3,
        "tcp_user_timeout": 60000,
        "options": "-c statement_timeout=30000 -c lock_timeout=5000"
                   " -c idle_in_transaction_session_timeout=60000",  # (5)!
    },
)


@event.listens_for(engine, "reset")
def reset_session_state(dbapi_connection, connection_record, reset_state):
    if reset_state.terminate_only:
        return
    dbapi_connection.rollback()
    dbapi_connection.autocommit = True
    for statement in ("CLOSE ALL", "RESET ALL", "UNLISTEN *", "SELECT pg_advisory_unlock_all()", "DISCARD TEMP"):
        dbapi_connection.execute(statement)
    dbapi_connection.autocommit = False


os.register_at_fork(after_in_child=lambda: engine.dispose(close=False))  # (6)!


SOCKET_CLOSED = "connection socket closed"  # psycopg 3.3 and later


@event.listens_for(engine, "handle_error")
def lost_socket_is_a_disconnect(context):  # (7)!
    error = context.original_exception
    while error is not None:  # the error, or the one being handled when it was raised
        if isinstance(error, psycopg.OperationalError) and str(error) == SOCKET_CLOSED:
            context.is_disconnect = True
            return
        error = error.__context__


admin = create_engine(url)
Base.metadata.drop_all(admin)
Base.metadata.create_all(admin)
THREADS, REQUESTS = 4, 12
paused, resumed = threading.Barrier(THREADS + 1, timeout=60), threading.Barrier(THREADS + 1, timeout=60)
retries, failures = [], []


def run_with_retry(work, attempts=3):  # (8)!
    for attempt in range(1, attempts + 1):
        with Session(engine) as session:
            try:
                work(session)
                session.commit()
                return
            except exc.DBAPIError as error:
                session.rollback()
                retryable = error.connection_invalidated or getattr(error.orig, "sqlstate", None) in ("40001", "40P01")
                if not retryable or attempt == attempts:
                    raise
                retries.append(type(error.orig).__name__)


def worker(number):
    for request in range(REQUESTS):
        def place_order(session, request=request):
            session.add(Order(item=f"t{number}-{request}"))
            session.flush()
            if request == REQUESTS // 2 and number == 0 and not retries:  # (9)!
                paused.wait()
                resumed.wait()
        if request == REQUESTS // 2 and number != 0:
            paused.wait()
            resumed.wait()
        try:
            run_with_retry(place_order)
        except exc.DBAPIError as error:
            failures.append(error)


threads = [threading.Thread(target=worker, args=(n,)) for n in range(THREADS)]
for thread in threads:
    thread.start()
paused.wait()  # every thread is between two requests, thread 0 inside a transaction
with admin.connect() as conn:
    killed = conn.scalar(text(
        "select count(pg_terminate_backend(pid, 5000)) from pg_stat_activity"
        " where datname = current_database() and application_name = 'web-app'"
    ))  # (10)!
resumed.wait()
for thread in threads:
    thread.join()
print(f"{THREADS} threads, {THREADS * REQUESTS} requests, failures: {len(failures)}")
#> 4 threads, 48 requests, failures: 0
print("retried after a disconnect:", len(retries))
#> retried after a disconnect: 1
with Session(admin) as session:
    print("orders committed:", session.scalar(select(func.count()).select_from(Order)))
    #> orders committed: 48
engine.dispose()
admin.dispose()
