# needs: mysql+pymysql
import os
import threading

from sqlalchemy import create_engine, exc, text
from sqlalchemy.orm import Session

url = os.environ["MARIADB_URL"]
engine = create_engine(url, pool_size=4)
with engine.begin() as conn:
    conn.execute(text("drop table if exists counters"))
    conn.execute(text("create table counters (id int primary key, n int)"))
    conn.execute(text("insert into counters values (1, 0), (2, 0)"))


def add_one_to_both(first, second, crossed=None):
    with Session(engine) as session, session.begin():
        session.execute(text("update counters set n = n + 1 where id = :id"), {"id": first})
        if crossed:
            crossed.wait()  # (1)!
        session.execute(text("update counters set n = n + 1 where id = :id"), {"id": second})


def two_at_once(work):
    results, errors, crossed = [], [], threading.Barrier(2, timeout=10)

    def run(first, second):
        try:
            results.append(work(first, second, crossed))
        except exc.OperationalError as error:
            errors.append(error)

    threads = [threading.Thread(target=run, args=rows) for rows in [(1, 2), (2, 1)]]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors


def counters():
    with engine.connect() as conn:
        return conn.scalars(text("select n from counters order by id")).all()


_, errors = two_at_once(add_one_to_both)
error = errors[0]
print(len(errors), type(error).__module__, type(error).__name__, error.orig.args[0], error.connection_invalidated)
#> 1 sqlalchemy.exc OperationalError 1213 False
print(str(error).splitlines()[0])
'''
(pymysql.err.OperationalError) (1213, 'Deadlock found when trying to get lock; try restarting transaction')
'''
print(counters())  # (2)!
#> [1, 1]

RETRY_ON = {1205, 1213}  # lock wait timeout, deadlock


def with_retry(first, second, crossed, attempts=5):
    for attempt in range(1, attempts + 1):
        try:
            add_one_to_both(first, second, crossed if attempt == 1 else None)  # (3)!
            return attempt
        except exc.OperationalError as error:
            if error.orig.args[0] not in RETRY_ON or attempt == attempts:
                raise


attempts, failures = [], []
for _ in range(10):
    results, errors = two_at_once(with_retry)
    attempts += results
    failures += errors
print(counters(), "retried after a deadlock:", sum(a > 1 for a in attempts))  # (4)!
#> [21, 21] retried after a deadlock: 10
print(f"retry on 1213: {len(attempts) + len(failures)} transactions, failures: {len(failures)}")
#> retry on 1213: 20 transactions, failures: 0
engine.dispose()
