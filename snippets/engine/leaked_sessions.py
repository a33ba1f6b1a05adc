import gc

from sqlalchemy import create_engine, exc, text
from sqlalchemy.orm import Session

engine = create_engine("sqlite:///app.db", pool_size=2, max_overflow=0, pool_timeout=0.1)


def leaky_handler():
    session = Session(engine)
    return session.scalar(text("select 'page'"))  # (1)!


def handler():
    with Session(engine) as session:  # (2)!
        return session.scalar(text("select 'page'"))


gc.disable()  # (3)!
try:
    for n in range(1, 4):
        try:
            leaky_handler()
            print(f"leaky request {n}: checked out={engine.pool.checkedout()}")
            #> leaky request 1: checked out=1
            #> leaky request 2: checked out=2
        except exc.TimeoutError as error:
            print(f"leaky request {n}: {error}")
            '''
            leaky request 3: QueuePool limit of size 2 overflow 0 reached, connection timed out, timeout 0.10 (Background on this error at: https://sqlalche.me/e/21/3o7r)
            '''
    gc.collect()
    print("after gc.collect():", engine.pool.checkedout())  # (4)!
    #> after gc.collect(): 0
finally:
    gc.enable()

for n in range(1, 4):
    handler()
    print(f"request {n}: checked out={engine.pool.checkedout()}")
    #> request 1: checked out=0
    #> request 2: checked out=0
    #> request 3: checked out=0
engine.dispose()
