# needs: postgresql+asyncpg
import asyncio
import multiprocessing
import os

from sqlalchemy import exc, func, make_url, select, text
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.pool import NullPool

url = make_url(os.environ["DATABASE_URL"]).set(drivername="postgresql+asyncpg")
engine = create_async_engine(
    url,
    pool_size=4, max_overflow=2,
    pool_timeout=10,
    pool_pre_ping=True,
    pool_recycle=240,
    pool_use_lifo=True,
    connect_args={
        "timeout": 5,  # (1)!
        "command_timeout": 60,  # (2)!
        "server_settings": {  # (3)!
            "application_name": "web-app",
            "statement_timeout": "30s", "lock_timeout": "5s", "idle_in_transaction_session_timeout": "60s",
            "tcp_keepalives_idle": "30", "tcp_keepalives_interval": "10", "tcp_keepalives_count": "3",
        },
    },
)
os.register_at_fork(after_in_child=lambda: engine.sync_engine.dispose(close=False))  # (4)!


class Base(DeclarativeBase):
    pass


class Order(Base):
    __tablename__ = "orders"
    id: Mapped[int] = mapped_column(primary_key=True)
    item: Mapped[str]


retried = []


async def run_with_retry(work):
    for attempt in (1, 2):
        async with AsyncSession(engine) as session:
            try:
                await work(session)
                await session.commit()
                return
            except exc.DBAPIError as error:
                await session.rollback()
                if attempt == 2 or not error.connection_invalidated:
                    raise
                retried.append(type(error.orig).__name__)


# Everything below proves the engine: 4 worker processes x 6 tasks, and a kill in the middle.
PROCESSES, TASKS, REQUESTS = 4, 6, 8
PEAK, KILL = 2, 5
fork = multiprocessing.get_context("fork")
pause, resume = fork.Barrier(PROCESSES + 1, timeout=60), fork.Barrier(PROCESSES + 1, timeout=60)
reports = fork.Queue()


async def meet(tasks):  # (5)!
    if await tasks.wait() == 0:
        await asyncio.to_thread(pause.wait, 30)
        await asyncio.to_thread(resume.wait, 30)
    await tasks.wait()


async def task(process, number, tasks, failures):
    for request in range(REQUESTS):
        async def place_order(session, request=request):
            session.add(Order(item=f"{process}-{number}-{request}"))
            await session.flush()
            if request == PEAK or (request == KILL and number == 0 and not retried):
                await meet(tasks)
        if request == KILL and number != 0:
            await meet(tasks)
        try:
            await run_with_retry(place_order)
        except exc.DBAPIError as error:
            failures.append(error)


async def serve(process):  # one worker process of the application: an event loop with many tasks
    failures, tasks = [], asyncio.Barrier(TASKS)
    await asyncio.gather(*(task(process, n, tasks, failures) for n in range(TASKS)))
    await engine.dispose()
    reports.put((TASKS * REQUESTS, len(failures), retried))


def worker(process):
    asyncio.run(serve(process))


async def setup():
    async with admin.begin() as conn:
        await conn.run_sync(Base.metadata.drop_all)
        await conn.run_sync(Base.metadata.create_all)
    async with engine.connect() as conn:
        settings = (await conn.execute(text(
            "select current_setting('statement_timeout'), current_setting('lock_timeout'),"
            " current_setting('idle_in_transaction_session_timeout')"
        ))).one()
    print("statement, lock, idle-in-transaction timeouts:", *settings)
    #> statement, lock, idle-in-transaction timeouts: 30s 5s 1min
    await engine.dispose()  # the parent serves no requests: it keeps no connection across the fork


WORKERS = " from pg_stat_activity where datname = current_database() and application_name = 'web-app'"


async def watch(processes):  # the parent: samples the connection count, kills them all in the middle
    async with admin.connect() as conn, admin.connect() as sampler:
        counts, done = [], asyncio.Event()

        async def sample():
            while not done.is_set():
                counts.append(await sampler.scalar(text("select count(*)" + WORKERS)))
                await asyncio.sleep(0.005)

        sampling = asyncio.create_task(sample())
        try:
            await asyncio.to_thread(pause.wait, 30)  # every task of every process holds a connection
            seen = len(counts)
            while len(counts) < seen + 2:
                await asyncio.sleep(0.005)
            await asyncio.to_thread(resume.wait, 30)
            await asyncio.to_thread(pause.wait, 30)  # task 0 of each process inside a transaction
            killed = (await conn.execute(text(
                "select pid, pg_terminate_backend(pid) from pg_stat_activity"
                " where datname = current_database() and pid not in (pg_backend_pid(), :sampler)"
            ), {"sampler": await sampler.scalar(text("select pg_backend_pid()"))})).scalars().all()
            while await conn.scalar(text("select count(*) from pg_stat_activity where pid = any(:killed)"), {"killed": killed}):
                await asyncio.sleep(0.005)  # until every one of them has exited
            await asyncio.to_thread(resume.wait, 30)
            results = [await asyncio.to_thread(reports.get, timeout=30) for _ in processes]
        finally:
            done.set()
            await sampling
        limit, reserved = (await conn.execute(text(
            "select current_setting('max_connections')::int, current_setting('superuser_reserved_connections')::int"
        ))).one()
    return results, counts, limit, reserved


async def report(results, counts, limit, reserved):
    requests = sum(r[0] for r in results)
    print(f"{PROCESSES} processes x {TASKS} tasks, {requests} requests, failures: {sum(r[1] for r in results)}")
    #> 4 processes x 6 tasks, 192 requests, failures: 0
    names = [name for r in results for name in r[2]]
    print("retried once after a disconnect:", len(names), "x", *sorted(set(names)))
    #> retried once after a disconnect: 4 x InterfaceError
    async with AsyncSession(admin) as session:
        print("orders committed:", await session.scalar(select(func.count()).select_from(Order)))
        #> orders committed: 192
    print(f"peak in pg_stat_activity: {max(counts)} connections; max_connections {limit}, {reserved} reserved")
    #> peak in pg_stat_activity: 24 connections; max_connections 30, 3 reserved
    await admin.dispose()


admin = create_async_engine(url, poolclass=NullPool, isolation_level="AUTOCOMMIT")
asyncio.run(setup())
processes = [fork.Process(target=worker, args=(p,)) for p in range(PROCESSES)]
try:
    for p in processes:
        p.start()
    outcome = asyncio.run(watch(processes))
finally:
    for p in processes:
        p.join(timeout=10)
        if p.is_alive():
            p.terminate()
            p.join()
asyncio.run(report(*outcome))
