# needs: sqlite+pysqlite (runs in a browser)
from sqlalchemy import create_engine, event, text

engine = create_engine("sqlite:///app.db")  # (1)!
opened = []
event.listen(engine, "connect", lambda dbapi_conn, record: opened.append(dbapi_conn))

print(type(engine).__name__, type(engine.pool).__name__)
#> Engine QueuePool
print("connections after create_engine:", len(opened))
#> connections after create_engine: 0

with engine.connect() as conn:  # (2)!
    print(type(conn).__name__, conn.scalar(text("select 'hello'")))
    #> Connection hello
print("connections after the first checkout:", len(opened))
#> connections after the first checkout: 1

for _ in range(3):
    with engine.connect() as conn:  # (3)!
        conn.execute(text("select 1"))
print("connections after three more:", len(opened))
#> connections after three more: 1

engine.dispose()
