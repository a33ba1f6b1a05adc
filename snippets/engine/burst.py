# needs: sqlite+pysqlite (runs in a browser)
from sqlalchemy import create_engine, event

engine = create_engine("sqlite:///app.db", pool_size=2, max_overflow=3)
closed = []
event.listen(engine, "close", lambda dbapi_conn, record: closed.append(dbapi_conn))
pool = engine.pool

burst = [engine.connect() for _ in range(5)]  # (1)!
print("checked out:", pool.checkedout(), "overflow:", pool.overflow())
#> checked out: 5 overflow: 3

for conn in burst:
    conn.close()  # (2)!
print("kept open in the pool:", pool.checkedin())
#> kept open in the pool: 2
print("closed on return:", len(closed))
#> closed on return: 3
engine.dispose()

unlimited = create_engine("sqlite:///app.db", pool_size=0, max_overflow=2)  # (3)!
burst = [unlimited.connect() for _ in range(20)]
for conn in burst:
    conn.close()
print("pool_size=0: opened", len(burst), "kept open:", unlimited.pool.checkedin())
#> pool_size=0: opened 20 kept open: 20
unlimited.dispose()
