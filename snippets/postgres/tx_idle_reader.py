# needs: postgresql+psycopg
import os
import threading
import time

from sqlalchemy import create_engine, select, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class Item(Base):
    __tablename__ = "items"
    id: Mapped[int] = mapped_column(primary_key=True)
    label: Mapped[str]


url = os.environ["DATABASE_URL"]
engine = create_engine(url)
Base.metadata.drop_all(engine)
Base.metadata.create_all(engine)
with Session(engine) as session:
    session.add(Item(label="a"))
    session.commit()
watcher = engine.execution_options(isolation_level="AUTOCOMMIT")  # reads pg_stat_activity and pg_locks
migration = create_engine(url, connect_args={"options": "-c lock_timeout=200"})  # (1)!


def seen_by_server(pid):
    with watcher.connect() as conn:
        xmin = conn.scalar(text("SELECT backend_xmin IS NOT NULL FROM pg_stat_activity WHERE pid = :pid"), {"pid": pid})
        sql = text("SELECT mode FROM pg_locks WHERE pid = :pid AND relation = 'items'::regclass")
        return xmin, conn.scalars(sql, {"pid": pid}).all()


def read_then_wait(level):  # a request that reads, then waits with its transaction open
    with Session(engine.execution_options(isolation_level=level)) as reader:
        reader.scalars(select(Item)).all()  # (2)!
        holds_xmin, locks = seen_by_server(reader.connection().connection.dbapi_connection.info.backend_pid)
        try:
            with migration.begin() as conn:
                conn.execute(text("ALTER TABLE items ADD COLUMN note text"))
            alter = "ran"
        except OperationalError as exc:
            alter = f"{type(exc.orig).__name__} {exc.orig.sqlstate}"
    return f"locks {locks}, holds back vacuum: {holds_xmin}", f"ALTER TABLE: {alter}"


locks, alter = read_then_wait("READ COMMITTED")  # (3)!
print("READ COMMITTED:", locks)
#> READ COMMITTED: locks ['AccessShareLock'], holds back vacuum: False
print(alter)
#> ALTER TABLE: LockNotAvailable 55P03
locks, alter = read_then_wait("REPEATABLE READ")  # (4)!
print("REPEATABLE READ:", locks)
#> REPEATABLE READ: locks ['AccessShareLock'], holds back vacuum: True
print(alter)
#> ALTER TABLE: LockNotAvailable 55P03


def alter_without_timeout():
    with engine.begin() as conn:
        conn.execute(text("ALTER TABLE items ADD COLUMN note text"))


impatient = create_engine(url, connect_args={"options": "-c statement_timeout=300"})
with Session(engine) as reader:
    reader.scalars(select(Item)).all()  # the reader holds its AccessShareLock again
    alter = threading.Thread(target=alter_without_timeout)
    alter.start()
    with watcher.connect() as conn:  # wait until the ALTER TABLE is waiting for its lock
        waiting = text("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'ALTER%'")
        while not conn.scalar(waiting):
            time.sleep(0.01)
    try:
        with impatient.connect() as conn:
            conn.scalars(select(Item)).all()  # (5)!
    except OperationalError as exc:
        print("a new SELECT behind the waiting ALTER:", type(exc.orig).__name__)
        #> a new SELECT behind the waiting ALTER: QueryCanceled
    reader.commit()  # the reader ends: the ALTER TABLE runs, the queue moves
    alter.join()
with Session(engine) as session:
    print(session.scalars(text("SELECT column_name FROM information_schema.columns WHERE table_name = 'items' ORDER BY ordinal_position")).all())
    #> ['id', 'label', 'note']
for e in (engine, migration, impatient):
    e.dispose()
