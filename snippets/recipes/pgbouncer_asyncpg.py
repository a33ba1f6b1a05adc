# needs: postgresql+asyncpg, postgresql+psycopg, pgbouncer
import asyncio
import os
import time

from sqlalchemy import NullPool, create_engine, exc, func, make_url, select, text
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine
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
url = make_url(os.environ["PGBOUNCER_URL"]).set(drivername="postgresql+asyncpg")
PROCESSES, TASKS, REQUESTS = 2, 4, 15


async def serve(process):
    engine = create_async_engine(
        url,
        poolclass=NullPool,
        connect_args={
            "statement_cache_size": 0,  # (1)!
            "server_settings": {"application_name": "web-app"},
            "timeout": 5,
        },
    )
    failures = 0

    async def task(number):
        nonlocal failures
        for request in range(REQUESTS):
            first = 1 + (number + request) % 9
            try:
                async with AsyncSession(engine) as session:
                    rows = select(Item).where(Item.id.in_([first, first + 1])).order_by(Item.id)
                    for item in await session.scalars(rows.with_for_update()):
                        item.stock -= 1
                    await session.execute(text("select pg_sleep(0.005)"))
                    await session.commit()
            except exc.DBAPIError:
                failures += 1

    await asyncio.gather(*(task(process * TASKS + n) for n in range(TASKS)))
    await engine.dispose()
    return failures


def run_workers():  # (2)!
    children = []
    for process in range(PROCESSES):
        child = os.fork()
        if child == 0:
            failures = 99
            try:
                failures = asyncio.run(serve(process))
            finally:
                os._exit(min(failures, 99))
        children.append(child)
    failures, deadline = 0, time.monotonic() + 20
    for child in children:
        while not (status := os.waitpid(child, os.WNOHANG))[0] and time.monotonic() < deadline:
            time.sleep(0.01)
        if not status[0]:
            os.kill(child, 9)
            status = os.waitpid(child, 0)
        code = os.waitstatus_to_exitcode(status[1])
        failures += code if code >= 0 else 99  # killed by a signal: -9
    return failures


failures = run_workers()
print(f"{PROCESSES} processes x {TASKS} tasks, {PROCESSES * TASKS * REQUESTS} requests, failures: {failures}")
#> 2 processes x 4 tasks, 120 requests, failures: 0


with direct.connect() as conn:
    sessions = conn.scalar(text(
        "select count(*) from pg_stat_activity"
        " where datname = current_database() and application_name = 'web-app'"
    ))
    print("PostgreSQL sessions behind PgBouncer:", sessions)
    #> PostgreSQL sessions behind PgBouncer: 5


async def stock_taken():
    engine = create_async_engine(url, poolclass=NullPool, connect_args={"statement_cache_size": 0})
    async with AsyncSession(engine) as session:
        left = await session.scalar(select(func.sum(Item.stock)))
    await engine.dispose()
    return 10 * 1000 - left


print("stock taken:", asyncio.run(stock_taken()))
#> stock taken: 240
direct.dispose()
