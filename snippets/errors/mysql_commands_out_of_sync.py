# needs: mysql+pymysql
import logging
import os
import threading
import warnings
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import create_engine, exc, text
from sqlalchemy.orm import Session

url = os.environ["MARIADB_URL"]
engine = create_engine(url, connect_args={"read_timeout": 2})  # (1)!
with engine.begin() as conn:
    conn.execute(text("drop table if exists hits"))
    conn.execute(text("create table hits (id int primary key, n int)"))
    conn.execute(text("insert into hits values (1, 0), (2, 0), (3, 0)"))


def two_threads(shared):
    errors = []

    def request():
        for _ in range(50):
            shared.execute(text("select n from hits where id = 1")).all()
            shared.commit()

    # a thread stops at the first exception the race gives it: record it
    previous, threading.excepthook = threading.excepthook, lambda args: errors.append(args.exc_value)
    threads = [threading.Thread(target=request) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    threading.excepthook = previous
    return errors


quiet = logging.NullHandler()
logging.getLogger("sqlalchemy.pool").addHandler(quiet)  # the race also makes SQLAlchemy log and warn
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    for _ in range(200):
        shared = Session(engine)  # (2)!
        errors = two_threads(shared)
        shared.invalidate()
        found = [e for e in errors if isinstance(e, exc.OperationalError) and e.orig.args[0] == 2014]
        if found:
            error = found[0]
            break
    else:
        raise SystemExit("no round of 200 ended in 2014")
logging.getLogger("sqlalchemy.pool").removeHandler(quiet)
print(type(error).__module__, type(error).__name__, error.orig.args[0], error.connection_invalidated)
#> sqlalchemy.exc OperationalError 2014 True
print(str(error).splitlines()[0])  # (3)!
#> (pymysql.err.OperationalError) (2014, 'Command Out of Sync')

with engine.connect() as conn:
    result = conn.execute(text("select id from hits order by id"), execution_options={"stream_results": True})
    first = result.fetchone()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        conn.execute(text("select 1"))  # (4)!
    print(first, [str(w.message) for w in caught], result.fetchall())
    #> (1,) ['Previous unbuffered result was left incomplete'] []


def request():
    with Session(engine) as session:  # (5)!
        session.execute(text("update hits set n = n + 1 where id = 2"))
        session.commit()


with ThreadPoolExecutor(max_workers=4) as threads:
    futures = [threads.submit(request) for _ in range(100)]
failures = [f.exception() for f in futures if f.exception()]
with engine.connect() as conn:
    print("n:", conn.scalar(text("select n from hits where id = 2")))
    #> n: 100
print(f"a session per request: {len(futures)} requests, failures: {len(failures)}")
#> a session per request: 100 requests, failures: 0
engine.dispose()
