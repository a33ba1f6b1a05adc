# needs: sqlite+pysqlite (runs in a browser)
from sqlalchemy import create_engine, exc

engine = create_engine(
    "sqlite:///app.db", pool_size=2, max_overflow=1, pool_timeout=0.1  # (1)!
)
held = [engine.connect() for _ in range(3)]
try:
    engine.connect()  # (2)!
except exc.TimeoutError as error:
    print(type(error).__name__)
    #> TimeoutError
    print(error)
    '''
    QueuePool limit of size 2 overflow 1 reached, connection timed out, timeout 0.10 (Background on this error at: https://sqlalche.me/e/21/3o7r)
    '''

held.pop().close()  # (3)!
with engine.connect() as conn:
    print("checked out now:", engine.pool.checkedout())
    #> checked out now: 3

for conn in held:
    conn.close()
engine.dispose()
