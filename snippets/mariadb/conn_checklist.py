# needs: mysql+pymysql
import multiprocessing
import os
import threading
import time

from sqlalchemy import String, create_engine, event, exc, func, make_url, select, text
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column
from sqlalchemy.pool import NullPool


class Base(DeclarativeBase):
    pass


class Order(Base):
    __tablename__ = "orders"
    __table_args__ = ({"mysql_charset": "utf8mb4"},)  # (1)!
    id: Mapped[int] = mapped_column(primary_key=True)
    item: Mapped[str] = mapped_column(String(40))


url = make_url(os.environ["MARIADB_URL"])  # mysql+pymysql://...?charset=utf8mb4
WAIT_TIMEOUT = 2  # (2)!
engine = create_engine(
    url,
    pool_size=4, max_overflow=2, pool_timeout=10,  # (3)!
    pool_pre_ping=True,
    pool_recycle=WAIT_TIMEOUT / 2,  # (4)!
    isolation_level="READ COMMITTED",  # (5)!
    connect_args={
        "connect_timeout": 5, "read_timeout": 30, "write_timeout": 30,  # (6)!
        "init_command": "SET SESSION max_statement_time = 20, innodb_lock_wait_timeout = 5",  # (7)!
    },
)


@event.listens_for(engine, "connect")
def this_run_only(dbapi_connection, connection_record):
    with dbapi_connection.cursor() as cursor:
        cursor.execute(f"SET SESSION wait_timeout = {WAIT_TIMEOUT}")


def dispose_in_child():
    engine.dispose(close=False)  # (8)!


os.register_at_fork(after_in_child=dispose_in_child)
admin = create_engine(url, poolclass=NullPool)
Base.metadata.drop_all(admin)
Base.metadata.create_all(admin)
with engine.connect() as conn:
    settings = conn.execute(text("select @@max_statement_time, @@innodb_lock_wait_timeout, @@character_set_connection"))
    print(conn.get_isolation_level(), settings.one())
    #> READ COMMITTED (20.0, 5, 'utf8mb4')
PROCESSES, THREADS, REQUESTS = 4, 6, 20
PEAK, KILL, IDLE = 5, 10, 15  # (9)!
fork = multiprocessing.get_context("fork")
pause, resume = fork.Barrier(PROCESSES * THREADS + 1, timeout=60), fork.Barrier(PROCESSES * THREADS + 1, timeout=60)
results = fork.Queue()
retries, failures = [], []


def run_with_retry(work, attempts=3):  # (10)!
    for attempt in range(1, attempts + 1):
        with Session(engine) as session:
            try:
                work(session)
                session.commit()
                return
            except exc.DBAPIError as error:
                session.rollback()
                retryable = error.connection_invalidated or error.orig.args[0] == 1213
                if not retryable or attempt == attempts:
                    raise
                retries.append(error.orig.args[0])


def worker(process, number):
    for request in range(REQUESTS):
        def place_order(session, request=request):
            session.add(Order(item=f"주문 {process}-{number}-{request} 🛒"))
            session.flush()
            if request == PEAK or (request == KILL and number == 0 and not retries):
                pause.wait()  # inside a transaction, holding a connection
                resume.wait()
        if request in (KILL, IDLE) and not (request == KILL and number == 0):
            pause.wait()  # between two requests: the connection is idle in the pool
            resume.wait()
        try:
            run_with_retry(place_order)
        except exc.DBAPIError as error:
            failures.append(error)


def serve(process):  # one worker process of the application
    threads = [threading.Thread(target=worker, args=(process, n)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    results.put((THREADS * REQUESTS, len(failures), retries))
    engine.dispose()


engine.dispose()  # the parent does not serve: it keeps no connection of its own
processes = [fork.Process(target=serve, args=(p,)) for p in range(PROCESSES)]
for process in processes:
    process.start()
with admin.connect() as conn, admin.connect() as sampler:
    admins = f"{conn.scalar(text('select connection_id()'))}, {sampler.scalar(text('select connection_id()'))}"
    OURS = f" from information_schema.processlist where db = database() and id not in ({admins})"
    counts, done = [], threading.Event()

    def sample():  # (11)!
        while not done.is_set():
            counts.append(sampler.scalar(text("select count(*)" + OURS + " and command <> 'Killed'")))
            time.sleep(0.01)

    sampling = threading.Thread(target=sample)
    sampling.start()
    pause.wait()  # every thread of every process holds a connection
    held = conn.scalar(text("select count(*)" + OURS))
    resume.wait()
    pause.wait()  # thread 0 of each process is inside a transaction, the others between requests
    for target in conn.scalars(text("select id" + OURS)).all():
        conn.execute(text(f"KILL CONNECTION {target}"))  # (12)!
    resume.wait()
    pause.wait()  # every thread between requests
    time.sleep(WAIT_TIMEOUT + 1.2)  # (13)!
    resume.wait()
    reports = [results.get(timeout=60) for _ in processes]
    for process in processes:
        process.join()
    done.set()
    sampling.join()
    limit = conn.scalar(text("select @@max_connections"))
requests = sum(report[0] for report in reports)
print(f"{PROCESSES} processes x {THREADS} threads, {requests} requests, failures: {sum(report[1] for report in reports)}")
#> 4 processes x 6 threads, 480 requests, failures: 0
print("retried after a disconnect:", sorted(code for report in reports for code in report[2]))
#> retried after a disconnect: [2013, 2013, 2013, 2013]
with admin.connect() as conn:
    print("orders committed:", conn.scalar(select(func.count()).select_from(Order)))
    #> orders committed: 480
print(f"all {PROCESSES * THREADS} threads holding one: {held} connections of max_connections {limit}")  # (14)!
#> all 24 threads holding one: 24 connections of max_connections 30
print(f"sampled {len(counts) > 100 and 'over 100'} times, peak <= {PROCESSES} x (4 + 2): {max(counts) <= PROCESSES * 6}")
#> sampled over 100 times, peak <= 4 x (4 + 2): True
engine.dispose()
admin.dispose()
