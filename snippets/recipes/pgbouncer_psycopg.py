# needs: postgresql+psycopg, pgbouncer
import os
import threading

from sqlalchemy import NullPool, create_engine, event, exc, func, select, text
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class Item(Base):
    __tablename__ = "items"
    id: Mapped[int] = mapped_column(primary_key=True)
    stock: Mapped[int]


direct = create_engine(os.environ["DATABASE_URL"], poolclass=NullPool)
Base.metadata.drop_all(direct)
Base.metadata.create_all(direct)
with Session(direct) as session:
    session.add_all([Item(id=n, stock=1000) for n in range(1, 11)])
    session.commit()

engine = create_engine(
    os.environ["PGBOUNCER_URL"],
    poolclass=NullPool,  # (1)!
    connect_args={
        "prepare_threshold": None,  # (2)!
        "application_name": "web-app",
        "connect_timeout": 5,
    },
)
THREADS, REQUESTS = 32, 5
failures, connects = [], []
event.listen(engine, "connect", lambda dbapi_connection, record: connects.append(1))


def worker(number):
    for request in range(REQUESTS):
        first = 1 + (number + request) % 9
        try:
            with Session(engine) as session:
                rows = select(Item).where(Item.id.in_([first, first + 1])).order_by(Item.id)
                items = session.scalars(rows.with_for_update()).all()
                for item in items:
                    item.stock -= 1  # an UPDATE of two rows: psycopg's executemany()
                session.execute(text("select pg_sleep(0.005)"))  # the rest of the request's work
                session.commit()
        except exc.DBAPIError as error:
            failures.append(error)


threads = [threading.Thread(target=worker, args=(n,)) for n in range(THREADS)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print(f"{THREADS} threads, {THREADS * REQUESTS} requests, failures: {len(failures)}")
#> 32 threads, 160 requests, failures: 0
with Session(direct) as session:
    print("stock taken:", 10 * 1000 - session.scalar(select(func.sum(Item.stock))))
    #> stock taken: 320
    sessions = session.scalar(text(
        "select count(*) from pg_stat_activity"
        " where datname = current_database() and application_name = 'web-app'"
    ))  # (3)!
    print(f"connections to PgBouncer: {len(connects)}, PostgreSQL sessions behind it: {sessions}")
    #> connections to PgBouncer: 160, PostgreSQL sessions behind it: 5
engine.dispose()
direct.dispose()
