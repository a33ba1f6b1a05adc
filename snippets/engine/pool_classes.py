# needs: sqlite+pysqlite
import threading

from sqlalchemy import create_engine, event, text
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool, QueuePool, SingletonThreadPool, StaticPool

for url in ["sqlite:///app.db", "sqlite://", "sqlite:///:memory:"]:
    print(f"{url:28}", type(create_engine(url).pool).__name__)
    #> sqlite:///app.db             QueuePool
    #> sqlite://                    SingletonThreadPool
    #> sqlite:///:memory:           SingletonThreadPool
for url in ["sqlite+aiosqlite:///app.db", "sqlite+aiosqlite://"]:
    print(f"{url:28}", type(create_async_engine(url).pool).__name__)  # (1)!
    #> sqlite+aiosqlite:///app.db   AsyncAdaptedQueuePool
    #> sqlite+aiosqlite://          StaticPool


def use(engine):
    with engine.connect() as conn:
        conn.execute(text("select 1"))


def connections_opened(poolclass):
    engine = create_engine("sqlite:///app.db", poolclass=poolclass)  # (2)!
    opened = []
    event.listen(engine, "connect", lambda dbapi_conn, record: opened.append(1))
    use(engine)
    use(engine)
    worker = threading.Thread(target=use, args=(engine,))
    worker.start()
    worker.join()
    engine.dispose()
    return len(opened)


for poolclass in [QueuePool, NullPool, SingletonThreadPool, StaticPool]:
    print(f"{poolclass.__name__:20} 3 checkouts, 2 threads -> {connections_opened(poolclass)} opened")
    #> QueuePool            3 checkouts, 2 threads -> 1 opened
    #> NullPool             3 checkouts, 2 threads -> 3 opened
    #> SingletonThreadPool  3 checkouts, 2 threads -> 2 opened
    #> StaticPool           3 checkouts, 2 threads -> 1 opened
