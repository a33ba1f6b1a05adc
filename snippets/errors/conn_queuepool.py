# needs: sqlite+pysqlite
import gc
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import create_engine, exc, text
from sqlalchemy.orm import Session

engine = create_engine("sqlite:///app.db", pool_size=2, max_overflow=0, pool_timeout=0.5)


def leaky_request():
    session = Session(engine)  # (1)!
    return session.scalar(text("select 'ok'"))


def fixed_request():
    with Session(engine) as session:  # (2)!
        return session.scalar(text("select 'ok'"))


gc.disable()  # (3)!
try:
    for n in range(1, 4):
        print(n, leaky_request())
        #> 1 ok
        #> 2 ok
except exc.TimeoutError as error:
    print(error)  # (4)!
    '''
    QueuePool limit of size 2 overflow 0 reached, connection timed out, timeout 0.50 (Background on this error at: https://sqlalche.me/e/21/3o7r)
    '''
finally:
    gc.enable()
gc.collect()

with ThreadPoolExecutor(max_workers=4) as threads:  # (5)!
    futures = [threads.submit(fixed_request) for _ in range(40)]
failures = sum(future.exception() is not None for future in futures)
print(f"4 threads, pool of 2: {len(futures)} requests, failures: {failures}")
#> 4 threads, pool of 2: 40 requests, failures: 0
print("checked out:", engine.pool.checkedout())
#> checked out: 0
engine.dispose()
