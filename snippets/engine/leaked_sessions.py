# needs: sqlite+pysqlite
import gc
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import create_engine, exc, text
from sqlalchemy.orm import Session

engine = create_engine("sqlite:///app.db", pool_size=2, max_overflow=0, pool_timeout=0.5)


def leaky_handler(n):
    session = Session(engine)
    return session.scalar(text("select 'page'"))  # (1)!


def handler(n):
    with Session(engine) as session:  # (2)!
        return session.scalar(text("select 'page'"))


def serve(view, requests, threads):
    def request(n):
        try:
            view(n)
            return 0
        except exc.TimeoutError as error:
            errors.append(str(error))
            return 1

    errors = []
    with ThreadPoolExecutor(max_workers=threads) as workers:
        failures = sum(workers.map(request, range(requests)))
    return f"{requests} requests, failures: {failures}", errors


gc.disable()  # (3)!
try:
    result, errors = serve(leaky_handler, requests=3, threads=1)
    print("leaky, one at a time:", result)
    #> leaky, one at a time: 3 requests, failures: 1
    print(errors[0])
    '''
    QueuePool limit of size 2 overflow 0 reached, connection timed out, timeout 0.50 (Background on this error at: https://sqlalche.me/e/21/3o7r)
    '''
    gc.collect()
    print("after gc.collect(): checked out", engine.pool.checkedout())  # (4)!
    #> after gc.collect(): checked out 0
finally:
    gc.enable()

result, errors = serve(handler, requests=20, threads=4)  # (5)!
print("closed, 4 threads at once:", result)
#> closed, 4 threads at once: 20 requests, failures: 0
print("checked out after the requests:", engine.pool.checkedout())
#> checked out after the requests: 0
engine.dispose()
