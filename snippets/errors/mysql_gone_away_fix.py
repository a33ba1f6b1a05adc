# needs: mysql+pymysql
import os
import threading
import time

from sqlalchemy import bindparam, create_engine, exc, text

url = os.environ["MARIADB_URL"]
admin = create_engine(url, isolation_level="AUTOCOMMIT")
alive = text("select count(*) from information_schema.processlist where id in :ids").bindparams(
    bindparam("ids", expanding=True)
)


def four_requests(engine):
    ids, failures, barrier = [], [], threading.Barrier(4)

    def request():
        try:
            with engine.connect() as conn:
                ids.append(conn.scalar(text("select connection_id()")))
                barrier.wait(timeout=5)  # four requests at once: four connections
        except (exc.DBAPIError, threading.BrokenBarrierError) as error:
            failures.append(error)

    threads = [threading.Thread(target=request) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return ids, failures


engine = create_engine(
    url,
    connect_args={"init_command": "SET SESSION wait_timeout = 1"},
    pool_recycle=0.5,  # (1)!
    pool_pre_ping=True,
)
requests, failures, ids = 0, [], []
for round_ in range(6):
    with admin.connect() as conn:
        if round_ % 2:  # (2)!
            for connection_id in ids:
                try:
                    conn.execute(text(f"KILL {connection_id}"))
                except exc.OperationalError as error:  # 1094 Unknown thread id: wait_timeout was first
                    if error.orig.args[0] != 1094:
                        raise
        elif round_:
            while conn.scalar(alive, {"ids": ids}):
                time.sleep(0.05)
    ids, failed = four_requests(engine)
    failures += failed
    if round_:
        requests += 4
print(f"pre-ping and pool_recycle: {requests} requests, failures: {len(failures)}")
#> pre-ping and pool_recycle: 20 requests, failures: 0
engine.dispose()
admin.dispose()
