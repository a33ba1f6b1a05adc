# needs: mysql+pymysql
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


admin = create_engine(url, poolclass=NullPool)
Base.metadata.drop_all(admin)
Base.metadata.create_all(admin)
with engine.connect() as conn:
    settings = conn.execute(text("select @@max_statement_time, @@innodb_lock_wait_timeout, @@character_set_connection"))
    print(conn.get_isolation_level(), settings.one())
    #> READ COMMITTED (20.0, 5, 'utf8mb4')
OURS = " from information_schema.processlist where db = database() and id <> connection_id()"
THREADS, REQUESTS = 6, 20
PEAK, KILL, IDLE = 5, 10, 15  # (8)!
pause, resume = threading.Barrier(THREADS + 1), threading.Barrier(THREADS + 1)
retries, failures = [], []


def run_with_retry(work, attempts=3):  # (9)!
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


def worker(number):
    for request in range(REQUESTS):
        def place_order(session, request=request):
            session.add(Order(item=f"주문 {number}-{request} 🛒"))
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


threads = [threading.Thread(target=worker, args=(n,)) for n in range(THREADS)]
for thread in threads:
    thread.start()
with admin.connect() as conn:
    pause.wait()  # every thread holds a connection
    peak = conn.scalar(text("select count(*)" + OURS))
    resume.wait()
    pause.wait()  # thread 0 is inside a transaction, the others between requests
    for target in conn.scalars(text("select id" + OURS)).all():
        conn.execute(text(f"KILL CONNECTION {target}"))  # (10)!
    resume.wait()
    pause.wait()  # every thread between requests
    time.sleep(WAIT_TIMEOUT + 1.2)  # (11)!
    resume.wait()
for thread in threads:
    thread.join()
print(f"{THREADS} threads, {THREADS * REQUESTS} requests, failures: {len(failures)}")
#> 6 threads, 120 requests, failures: 0
print("retried after a disconnect:", retries)
#> retried after a disconnect: [2013]
with admin.connect() as conn:
    print("orders committed:", conn.scalar(select(func.count()).select_from(Order)))
    #> orders committed: 120
    print(f"peak connections: {peak} of max_connections {conn.scalar(text('select @@max_connections'))}")  # (12)!
    #> peak connections: 6 of max_connections 30
engine.dispose()
admin.dispose()
