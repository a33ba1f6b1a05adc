# needs: postgresql+asyncpg
import asyncio
import multiprocessing
import os
import time

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
on_parents = []  # requests of this worker process that ran on the parent's server connection


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
            if await session.scalar(text("select pg_backend_pid()")) == parent:
                on_parents.append(request)
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
    reports.put((TASKS * REQUESTS, len(failures), retried, len(on_parents)))


def worker(process):
    asyncio.run(serve(process))


async def setup():
    async with admin.begin() as conn:
        await conn.run_sync(Base.metadata.drop_all)
        await conn.run_sync(Base.metadata.create_all)
    async with engine.connect() as conn:  # the parent uses the engine: this connection stays in its pool
        parent, *settings = (await conn.execute(text(
            "select pg_backend_pid(), current_setting('statement_timeout'), current_setting('lock_timeout'),"
            " current_setting('idle_in_transaction_session_timeout')"
        ))).one()
    print("statement, lock, idle-in-transaction timeouts:", *settings)
    #> statement, lock, idle-in-transaction timeouts: 30s 5s 1min
    return parent


WORKERS = (" from pg_stat_activity where datname = current_database() and application_name = 'web-app'"
           " and pid <> :parent")  # every connection of the workers, not the parent's


async def watch(processes):  # the parent: counts the connections at the peak, kills them all in the middle
    async with admin.connect() as conn:
        await asyncio.to_thread(pause.wait, 30)  # every task of every process holds a connection
        at_peak = await conn.scalar(text("select count(*)" + WORKERS), {"parent": parent})
        await asyncio.to_thread(resume.wait, 30)
        await asyncio.to_thread(pause.wait, 30)  # task 0 of each process inside a transaction
        killed = (await conn.scalars(text("select pid, pg_terminate_backend(pid)" + WORKERS), {"parent": parent})).all()
        deadline = time.monotonic() + 10
        while await conn.scalar(text("select count(*) from pg_stat_activity where pid = any(:killed)"), {"killed": killed}):
            if time.monotonic() > deadline:
                raise TimeoutError("terminated connections still open after 10 s")
            await asyncio.sleep(0.005)  # until every one of them has exited
        await asyncio.to_thread(resume.wait, 30)
        results = [await asyncio.to_thread(reports.get, timeout=30) for _ in processes]
        limit, reserved = (await conn.execute(text(
            "select current_setting('max_connections')::int, current_setting('superuser_reserved_connections')::int"
        ))).one()
    return results, at_peak, limit, reserved


async def report(results, at_peak, limit, reserved):
    requests = sum(r[0] for r in results)
    print(f"{PROCESSES} processes x {TASKS} tasks, {requests} requests, failures: {sum(r[1] for r in results)}")
    #> 4 processes x 6 tasks, 192 requests, failures: 0
    names = [name for r in results for name in r[2]]
    print("retried once after a disconnect:", len(names))  # which asyncpg error it is depends on timing
    #> retried once after a disconnect: 4
    async with AsyncSession(admin) as session:
        print("orders committed:", await session.scalar(select(func.count()).select_from(Order)))
        #> orders committed: 192
    print("requests on the parent's server connection:", sum(r[3] for r in results))
    #> requests on the parent's server connection: 0
    async with admin.connect() as conn:
        still_open = await conn.scalar(text("select count(*) from pg_stat_activity where pid = :p"), {"p": parent})
    print("the parent's server session afterwards, still open:", still_open == 1)
    #> the parent's server session afterwards, still open: True
    print(f"worker connections at the peak: {at_peak}; max_connections {limit}, {reserved} reserved")
    #> worker connections at the peak: 24; max_connections 30, 3 reserved
    await engine.dispose(close=False)  # (6)!
    async with admin.connect() as conn:
        await conn.execute(text("select pg_terminate_backend(:p, 5000)"), {"p": parent})
    await admin.dispose()


admin = create_async_engine(url, poolclass=NullPool, isolation_level="AUTOCOMMIT")
parent = asyncio.run(setup())  # its event loop has ended; the connection stays in the pool
processes = [fork.Process(target=worker, args=(p,)) for p in range(PROCESSES)]
try:
    for p in processes:
        p.start()
    outcome = asyncio.run(watch(processes))
finally:
    pause.abort()  # a parent that failed releases the workers at once
    resume.abort()
    for p in processes:
        p.join(timeout=10)
        if p.is_alive():
            p.terminate()
            p.join()
asyncio.run(report(*outcome))
