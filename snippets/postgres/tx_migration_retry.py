# needs: postgresql+asyncpg, postgresql+psycopg
import asyncio
import os
import threading
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
engine = create_engine(url, connect_args={"options": "-c statement_timeout=2000"})
Base.metadata.drop_all(engine)
Base.metadata.create_all(engine)
with Session(engine) as session:
    session.add(Item(label="a"))
    session.commit()


def migrate(ddl, attempts=100):  # (1)!
    for attempt in range(1, attempts + 1):
        try:
            with engine.begin() as conn:
                conn.execute(text("SET LOCAL lock_timeout = '100ms'"))  # (2)!
                conn.execute(text(ddl))
            return attempt
        except DBAPIError as exc:
            if getattr(exc.orig, "sqlstate", None) != "55P03":  # lock_not_available
                raise
            time.sleep(0.05)  # (3)!
    raise RuntimeError(f"gave up after {attempts} attempts")


WORKERS, REQUESTS = 4, 5  # per driver: 4 workers x 5 requests = 20 requests
failures = {"psycopg": 0, "asyncpg": 0}
started = threading.Barrier(WORKERS + 3)  # readers, the asyncio thread, the report and the migration


def report():  # a slow request: it holds its AccessShareLock for 0.5 s
    with Session(engine) as session:
        session.scalars(select(Item.id)).all()
        started.wait()
        time.sleep(0.5)
        session.commit()



def reader():  # psycopg: a request reads, works 30 ms inside its transaction, then commits
    started.wait()
    for _ in range(REQUESTS):
        try:
            with Session(engine) as session:
                session.scalars(select(Item.id)).all()
                time.sleep(0.03)
                session.commit()
        except DBAPIError:
            failures["psycopg"] += 1


async def async_readers():  # asyncpg: the same requests as tasks, with a 2 s statement_timeout
    async_url = make_url(url).set(drivername="postgresql+asyncpg")
    async_engine = create_async_engine(async_url, connect_args={"server_settings": {"statement_timeout": "2000"}})

    async def one_reader():
        for _ in range(REQUESTS):
            try:
                async with async_engine.connect() as conn:
                    await conn.execute(text("SELECT id FROM items"))
                    await asyncio.sleep(0.03)
                    await conn.commit()
            except DBAPIError:
                failures["asyncpg"] += 1

    tasks = [asyncio.create_task(one_reader()) for _ in range(WORKERS)]
    await asyncio.sleep(0)  # the tasks start before the barrier lets the migration go
    await asyncio.to_thread(started.wait)
    await asyncio.gather(*tasks)
    await async_engine.dispose()


workers = [threading.Thread(target=reader) for _ in range(WORKERS)]
workers.append(threading.Thread(target=asyncio.run, args=(async_readers(),)))
workers.append(threading.Thread(target=report))
for worker in workers:
    worker.start()
started.wait()
attempt = migrate("ALTER TABLE items ADD COLUMN note text")
for worker in workers:
    worker.join()
for driver, failed in failures.items():
    print(f"{driver} readers during the migration: {WORKERS * REQUESTS} requests, failures: {failed}")  # (4)!
    #> psycopg readers during the migration: 20 requests, failures: 0
    #> asyncpg readers during the migration: 20 requests, failures: 0
print("migration applied, after a lock timeout:", attempt > 1)  # (5)!
#> migration applied, after a lock timeout: True
engine.dispose()
