# needs: postgresql+psycopg
import itertools
import os

from sqlalchemy import create_engine, event, text

url = os.environ["DATABASE_URL"]
admin = create_engine(url)
engine = create_engine(url, pool_pre_ping=True)
numbers = itertools.count(1)


@event.listens_for(engine, "connect")
def name_connection(dbapi_connection, connection_record):
    connection_record.info["name"] = f"conn{next(numbers)}"  # (1)!


first, second = engine.connect(), engine.connect()  # (2)!
backend = first.scalar(text("select pg_backend_pid()"))
print("in the pool:", first.info["name"], second.info["name"])
#> in the pool: conn1 conn2
first.close()
second.close()

with admin.connect() as conn:
    conn.scalar(text("select pg_terminate_backend(:pid, 5000)"), {"pid": backend})  # (3)!

for request in range(3):
    with engine.connect() as conn:
        print(f"request {request + 1} got {conn.info['name']}")  # (4)!
        #> request 1 got conn3
        #> request 2 got conn4
        #> request 3 got conn3
engine.dispose()
admin.dispose()
