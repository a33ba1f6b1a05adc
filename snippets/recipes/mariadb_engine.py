# needs: mysql+pymysql
import logging
import multiprocessing
import os
import threading
import time

from sqlalchemy import String, create_engine, event, exc, func, make_url, select, text
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column
from sqlalchemy.pool import NullPool

# The production engine: copy from here to the proof below.
PROCESSES, THREADS = 4, 6  # gunicorn --workers 4 --threads 6
MAX_CONNECTIONS, OTHER_CLIENTS = 30, 6  # SELECT @@max_connections; migrations, consoles, monitoring
POOL_SIZE, MAX_OVERFLOW = 4, 2  # 4 x (4 + 2) = 24 <= 30 - 6
assert PROCESSES * (POOL_SIZE + MAX_OVERFLOW) <= MAX_CONNECTIONS - OTHER_CLIENTS
# No TLS: only for a server that offers none, on a network you trust. Otherwise verify the server:
# TLS = {"ssl_ca": "/path/to/ca.pem", "ssl_verify_identity": True}
TLS = {"ssl_disabled": True}
LIMITS_MARIADB = "SET SESSION max_statement_time = 10, innodb_lock_wait_timeout = 5"
LIMITS_MYSQL = "SET SESSION max_execution_time = 10000, innodb_lock_wait_timeout = 5"

url = make_url(os.environ["MARIADB_URL"])  # mysql+pymysql://user:password@host/dbname
engine = create_engine(
    url,
    pool_size=POOL_SIZE, max_overflow=MAX_OVERFLOW, pool_timeout=10,
    pool_pre_ping=True,
    pool_recycle=3600,
    isolation_level="READ COMMITTED",
    connect_args={"charset": "utf8mb4", "connect_timeout": 5, "read_timeout": 15, "write_timeout": 15, **TLS},
)


@event.listens_for(engine, "connect")
def session_limits(dbapi_connection, connection_record):
    mariadb = "MariaDB" in dbapi_connection.get_server_info()
    with dbapi_connection.cursor() as cursor:
        cursor.execute(LIMITS_MARIADB if mariadb else LIMITS_MYSQL)


os.register_at_fork(after_in_child=lambda: engine.dispose(close=False))
log = logging.getLogger("app.db")


def run_in_transaction(work):
    for attempt in (1, 2):
        with Session(engine) as session:
            try:
                result = work(session)
                session.commit()
                return result
            except exc.DBAPIError as error:
                session.rollback()
                code = error.orig.args[0] if error.orig.args else None
                if attempt == 2 or not (error.connection_invalidated or code in (1205, 1213)):
                    raise
                log.warning("retrying the transaction after error %s", code)


# The proof: 4 forked processes x 6 threads x 20 requests. Leave it out of your application.
class Base(DeclarativeBase):
    pass


class Order(Base):
    __tablename__ = "orders"
    __table_args__ = ({"mysql_charset": "utf8mb4"},)
    id: Mapped[int] = mapped_column(primary_key=True)
    item: Mapped[str] = mapped_column(String(40))


WAIT_TIMEOUT = 1


def shorten_wait_timeout():  # (1)!
    pooled = [engine.connect() for _ in range(engine.pool.checkedin())]
    for conn in pooled:
        conn.exec_driver_sql(f"SET SESSION wait_timeout = {WAIT_TIMEOUT}")
        conn.close()


def note_connection(dbapi_connection, connection_record, connection_proxy):
    used.add(dbapi_connection.thread_id())  # the server's connection id


class Retries(logging.Handler):
    def emit(self, record):
        retried.append(record.args[0])


retried, failed, used, retries = [], [], set(), Retries()
admin = create_engine(url, poolclass=NullPool)
Base.metadata.drop_all(admin)
Base.metadata.create_all(admin)
with engine.connect() as conn:  # the parent uses the engine, then keeps the connection in its pool
    parent_id = conn.scalar(text("select connection_id()"))
    limits = conn.execute(text("select @@max_statement_time, @@innodb_lock_wait_timeout, @@character_set_connection"))
    print(conn.get_isolation_level(), *limits.one(), sep=", ")
    #> READ COMMITTED, 10.0, 5, utf8mb4
    try:
        conn.exec_driver_sql(LIMITS_MYSQL)
    except exc.DBAPIError as error:
        print("LIMITS_MYSQL:", *error.orig.args)
        #> LIMITS_MYSQL: 1193 Unknown system variable 'max_execution_time'
REQUESTS, PEAK, KILL, IDLE = 20, 5, 10, 15  # (2)!
fork = multiprocessing.get_context("fork")
meet, go = fork.Barrier(PROCESSES * THREADS + 1, timeout=30), fork.Barrier(PROCESSES * THREADS + 1, timeout=30)
results = fork.Queue()


def meet_the_parent():
    meet.wait()
    go.wait()


def thread(process, number, between):
    for request in range(REQUESTS):
        inside = request == PEAK or (request == KILL and number == 0)
        met = []

        def place_order(session, request=request, inside=inside, met=met):
            session.add(Order(item=f"주문 {process}-{number}-{request} 🛒"))
            session.flush()
            if inside and not met:
                met.append(True)
                meet_the_parent()  # inside a transaction, holding a connection
        try:
            if request == IDLE:
                between.wait()  # all six threads between requests: every connection in the pool
            if request in (KILL, IDLE) and not inside:
                meet_the_parent()  # between two requests: no connection checked out
            run_in_transaction(place_order)
        except (exc.SQLAlchemyError, threading.BrokenBarrierError) as error:
            failed.append(f"{type(error).__name__}: {error}"[:200])
            if isinstance(error, threading.BrokenBarrierError):
                return


def serve(process):
    event.listen(engine, "checkout", note_connection)  # in the child only, after the fork
    between = threading.Barrier(THREADS, action=shorten_wait_timeout, timeout=30)
    threads = [threading.Thread(target=thread, args=(process, n, between)) for n in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    engine.dispose()
    results.put((THREADS * REQUESTS, failed, retried, parent_id in used))


processes = [fork.Process(target=serve, args=(p,)) for p in range(PROCESSES)]
try:
    log.addHandler(retries)  # each process counts its retries
    log.propagate = False
    for process in processes:
        process.start()
    with admin.connect() as conn:
        parents = (parent_id, conn.scalar(text("select connection_id()")))
        ours = f" from information_schema.processlist where db = database() and id not in {parents}"
        meet.wait()  # PEAK: every thread of every process holds a connection
        at_peak = conn.scalar(text("select count(*)" + ours))  # (3)!
        go.wait()
        meet.wait()  # KILL: thread 0 of each process inside a transaction
        killed = conn.scalars(text("select id" + ours)).all()
        for target in killed:
            try:
                conn.execute(text(f"KILL CONNECTION {target}"))  # (4)!
            except exc.OperationalError as error:  # 1094: it closed by itself first
                if error.orig.args[0] != 1094:
                    raise
        deadline = time.monotonic() + 10
        while conn.scalar(text("select count(*)" + ours + " and id in :ids"), {"ids": tuple(killed) or (0,)}):
            if time.monotonic() > deadline:
                raise TimeoutError("killed connections still listed after 10 s")
            time.sleep(0.01)
        go.wait()
        meet.wait()  # IDLE: no connection checked out
        time.sleep(WAIT_TIMEOUT + 1)  # (5)!
        idle_left = conn.scalar(text("select count(*)" + ours))
        go.wait()
        reports = [results.get(timeout=30) for _ in processes]
        limit = conn.scalar(text("select @@max_connections"))
finally:
    meet.abort()  # a parent that failed releases the threads at once
    go.abort()
    for process in processes:
        process.join(timeout=10)
        if process.is_alive():
            process.terminate()
            process.join()
    log.removeHandler(retries)
    log.propagate = True

requests = sum(report[0] for report in reports)
failures = [failure for report in reports for failure in report[1]]
print(f"{PROCESSES} processes x {THREADS} threads, {requests} requests, failures: {len(failures)}")
#> 4 processes x 6 threads, 480 requests, failures: 0
if failures:
    print(*failures[:3], sep="\n")
print("retried once, after error:", sorted(code for report in reports for code in report[2]))
#> retried once, after error: [2013, 2013, 2013, 2013]
with admin.connect() as conn:
    print("orders committed:", conn.scalar(select(func.count()).select_from(Order)))
    #> orders committed: 480
print(f"connections left after idling {WAIT_TIMEOUT + 1} s, wait_timeout {WAIT_TIMEOUT}:", idle_left)
#> connections left after idling 2 s, wait_timeout 1: 0
print(f"worker connections at the peak: {at_peak}; max_connections {limit}")
#> worker connections at the peak: 24; max_connections 30
print("children that used the parent's connection:", sum(report[3] for report in reports))
#> children that used the parent's connection: 0
with engine.connect() as conn:  # pre-ping, then the query: still the connection from before the fork?
    same = conn.scalar(text("select connection_id()")) == parent_id
print("the parent's pooled connection after the run:", "the same one, working" if same else "replaced")
#> the parent's pooled connection after the run: the same one, working
engine.dispose()
admin.dispose()
