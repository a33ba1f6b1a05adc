# needs: postgresql+psycopg, pgbouncer
import os
from collections import Counter

import psycopg
from sqlalchemy import NullPool, create_engine, exc, make_url, select, text
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class Item(Base):
    __tablename__ = "items"
    id: Mapped[int] = mapped_column(primary_key=True)
    stock: Mapped[int]


direct = create_engine(os.environ["DATABASE_URL"])
Base.metadata.drop_all(direct)
Base.metadata.create_all(direct)
with Session(direct) as session:
    session.add_all([Item(id=n, stock=1000) for n in range(1, 11)])
    session.commit()
direct.dispose()
bouncer = make_url(os.environ["PGBOUNCER_URL"])
console = bouncer.set(drivername="postgresql", database="pgbouncer").render_as_string(hide_password=False)


def new_server_sessions():
    with psycopg.connect(console, autocommit=True) as admin:  # (1)!
        admin.execute(f"RECONNECT {bouncer.database}")


def two_sessions_take_turns(engine):
    new_server_sessions()
    failed = []
    first, second = Session(engine), Session(engine)
    for n in range(20):
        try:
            if n % 2:
                second.execute(text("select 1"))  # (2)!
            first.scalars(select(Item).where(Item.id == 1 + n % 10)).one()
            first.commit()
        except exc.DBAPIError as error:
            first.rollback()
            failed.append(f"{type(error.orig).__name__}: {error.orig}")
        finally:
            second.commit()
    first.close()
    second.close()
    return failed


def flush_two_rows(engine):
    new_server_sessions()
    failed = []
    for n in range(20):
        try:
            with Session(engine) as session:
                items = session.scalars(select(Item).where(Item.id.in_([1 + n % 9, 2 + n % 9]))).all()
                for item in items:
                    item.stock -= 1
                session.commit()  # (3)!
        except exc.DBAPIError as error:
            failed.append(f"{type(error.orig).__name__}: {error.orig}")
    return failed


pooled = create_engine(bouncer)  # psycopg's default prepare_threshold=5, SQLAlchemy's QueuePool
failed = two_sessions_take_turns(pooled)
print(f"QueuePool, two sessions taking turns: 20 requests, failures: {len(failed)}")
#> QueuePool, two sessions taking turns: 20 requests, failures: 3
for message, times in Counter(failed).items():
    print(f"  {times} x {message}")
    #>   1 x InvalidSqlStatementName: prepared statement "_pg3_0" does not exist
    #>   1 x DuplicatePreparedStatement: prepared statement "_pg3_0" already exists
    #>   1 x DuplicatePreparedStatement: prepared statement "_pg3_1" already exists
pooled.dispose()

unpooled = create_engine(bouncer, poolclass=NullPool)
failed = flush_two_rows(unpooled)
print(f"NullPool, a flush that updates two rows: 20 requests, failures: {len(failed)}")
#> NullPool, a flush that updates two rows: 20 requests, failures: 19
for message, times in Counter(failed).items():
    print(f"  {times} x {message}")
    #>   19 x DuplicatePreparedStatement: prepared statement "_pg3_0" already exists
unpooled.dispose()

for poolclass in (None, NullPool):
    engine = create_engine(bouncer, poolclass=poolclass, connect_args={"prepare_threshold": None})
    failed = two_sessions_take_turns(engine) + flush_two_rows(engine)
    print(f"prepare_threshold=None, {type(engine.pool).__name__}: 40 requests, failures: {len(failed)}")
    #> prepare_threshold=None, QueuePool: 40 requests, failures: 0
    #> prepare_threshold=None, NullPool: 40 requests, failures: 0
    engine.dispose()
