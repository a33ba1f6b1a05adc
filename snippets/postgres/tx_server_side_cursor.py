# needs: postgresql+asyncpg, postgresql+psycopg
import asyncio
import os
import time

from sqlalchemy import create_engine, make_url, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class Item(Base):
    __tablename__ = "items"
    id: Mapped[int] = mapped_column(primary_key=True)
    label: Mapped[str]


url = os.environ["DATABASE_URL"]
engine = create_engine(url, connect_args={"options": "-c idle_in_transaction_session_timeout=1000"})  # (1)!
Base.metadata.drop_all(engine)
Base.metadata.create_all(engine)
with Session(engine) as session:
    session.add_all([Item(label=f"item {n}") for n in range(10)])
    session.commit()
watcher = create_engine(url, isolation_level="AUTOCOMMIT")
items = select(Item).order_by(Item.id).execution_options(yield_per=4)  # (2)!


def server_state(pid):
    with watcher.connect() as conn:
        return conn.scalar(text("SELECT state FROM pg_stat_activity WHERE pid = :pid"), {"pid": pid})


with Session(engine) as session:
    batches = session.scalars(items).partitions()
    first = next(batches)
    pid = session.connection().connection.dbapi_connection.info.backend_pid
    print(len(first), "rows, then between fetches:", server_state(pid))  # (3)!
    #> 4 rows, then between fetches: idle in transaction
    print([len(batch) for batch in batches])
    #> [4, 2]

with Session(engine) as session:
    try:
        for batch in session.scalars(items).partitions():
            time.sleep(2)  # slow work on each batch, a second longer than the timeout
    except DBAPIError as exc:
        print(type(exc).__name__, type(exc.orig).__name__, exc.orig.sqlstate)  # (4)!
        #> InternalError IdleInTransactionSessionTimeout 25P03

with Session(engine.execution_options(isolation_level="AUTOCOMMIT")) as session:
    try:
        session.scalars(items).partitions()
    except DBAPIError as exc:
        print(type(exc.orig).__name__, exc.orig.diag.message_primary)  # (5)!
        #> NoActiveSqlTransaction DECLARE CURSOR can only be used in transaction blocks


async def with_asyncpg():  # asyncpg refuses before sending anything
    async_engine = create_async_engine(make_url(url).set(drivername="postgresql+asyncpg"))
    async with async_engine.connect() as conn:
        conn = await conn.execution_options(isolation_level="AUTOCOMMIT")
        try:
            await conn.stream(items)
        except DBAPIError as exc:
            print(type(exc).__name__, "|", str(exc.orig).split(": ")[-1])
            #> DBAPIError | cursor cannot be created outside of a transaction
    await async_engine.dispose()


asyncio.run(with_asyncpg())
for e in (engine, watcher):
    e.dispose()
