# needs: postgresql+psycopg
import itertools
import os

from sqlalchemy import create_engine, event

url = os.environ["DATABASE_URL"]


def make_engine(lifo):
    engine = create_engine(url, pool_size=3, pool_use_lifo=lifo, pool_pre_ping=True)  # (1)!
    numbers = itertools.count(1)

    @event.listens_for(engine, "connect")
    def name_connection(dbapi_connection, connection_record):
        connection_record.info["name"] = f"c{next(numbers)}"

    return engine


for lifo in (False, True):
    engine = make_engine(lifo)
    peak = [engine.connect() for _ in range(3)]  # (2)!
    for conn in peak:
        conn.close()  # returned in the order c1, c2, c3

    quiet = []
    for _ in range(5):  # (3)!
        with engine.connect() as conn:
            quiet.append(conn.info["name"])
    print("LIFO" if lifo else "FIFO", quiet)
    #> FIFO ['c1', 'c2', 'c3', 'c1', 'c2']
    #> LIFO ['c3', 'c3', 'c3', 'c3', 'c3']
    engine.dispose()
