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
