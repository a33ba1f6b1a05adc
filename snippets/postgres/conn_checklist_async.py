# needs: postgresql+asyncpg
import asyncio
import os

from sqlalchemy import event, exc, func, make_url, select, text
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Order(Base):
    __tablename__ = "orders"
    id: Mapped[int] = mapped_column(primary_key=True)
    item: Mapped[str]


url = make_url(os.environ["DATABASE_URL"]).set(drivername="postgresql+asyncpg")
engine = create_async_engine(
    url,
    pool_size=4, max_overflow=2, pool_timeout=10,
    pool_pre_ping=True,
    pool_recycle=240,
    pool_use_lifo=True,
    pool_reset_on_return=None,
    connect_args={
        "timeout": 5,  # (1)!
        "command_timeout": 60,  # (2)!
        "server_settings": {
            "application_name": "web-app",
            "statement_timeout": "30000", "lock_timeout": "5000",
            "idle_in_transaction_session_timeout": "60000",
        },  # (3)!
    },
)


@event.listens_for(engine.sync_engine, "reset")
def reset_session_state(dbapi_connection, connection_record, reset_state):
    if reset_state.terminate_only:
        return
    dbapi_connection.rollback()
    dbapi_connection.autocommit = True
    cursor = dbapi_connection.cursor()
    for statement in ("CLOSE ALL", "RESET ALL", "UNLISTEN *", "SELECT pg_advisory_unlock_all()", "DISCARD TEMP"):
        cursor.execute(statement)
    cursor.close()
    dbapi_connection.autocommit = False


os.register_at_fork(after_in_child=lambda: engine.sync_engine.dispose(close=False))  # (4)!
TASKS, REQUESTS = 4, 12
retries, failures, killed = [], [], []


async def run_with_retry(work, attempts=3):
    for attempt in range(1, attempts + 1):
        async with AsyncSession(engine) as session:
            try:
                await work(session)
                await session.commit()
                return
            except exc.DBAPIError as error:
                await session.rollback()
                retryable = error.connection_invalidated or getattr(error.orig, "sqlstate", None) in ("40001", "40P01")
                if not retryable or attempt == attempts:
                    raise
                retries.append(type(error.orig).__name__)


async def worker(number, paused, resumed):
    for request in range(REQUESTS):
        async def place_order(session, request=request):
            session.add(Order(item=f"t{number}-{request}"))
            await session.flush()
            if request == REQUESTS // 2 and number == 0 and not retries:
                connection = await session.connection()
                killed.append((await connection.get_raw_connection()).driver_connection)
                await paused.wait()
                await resumed.wait()
        if request == REQUESTS // 2 and number != 0:
            await paused.wait()
            await resumed.wait()
        try:
            await run_with_retry(place_order)
        except exc.DBAPIError as error:
            failures.append(error)


async def main():
    admin = create_async_engine(url)
    async with admin.begin() as conn:
        await conn.run_sync(Base.metadata.drop_all)
        await conn.run_sync(Base.metadata.create_all)
    paused, resumed = asyncio.Barrier(TASKS + 1), asyncio.Barrier(TASKS + 1)
    tasks = [asyncio.create_task(worker(n, paused, resumed)) for n in range(TASKS)]
    await paused.wait()
    async with admin.connect() as conn:
        await conn.execute(text(
            "select count(pg_terminate_backend(pid, 5000)) from pg_stat_activity"
            " where datname = current_database() and application_name = 'web-app'"
        ))
    async with asyncio.timeout(5):  # the same output every run: asyncpg has read the server's goodbye
        while not all(driver.is_closed() for driver in killed):
            await asyncio.sleep(0.01)
    await resumed.wait()
    await asyncio.gather(*tasks)
    print(f"{TASKS} tasks, {TASKS * REQUESTS} requests, failures: {len(failures)}")
    #> 4 tasks, 48 requests, failures: 0
    print("retried after a disconnect:", retries)
    #> retried after a disconnect: ['InterfaceError']
    async with AsyncSession(admin) as session:
        print("orders committed:", await session.scalar(select(func.count()).select_from(Order)))
        #> orders committed: 48
    await engine.dispose()
    await admin.dispose()


asyncio.run(main())
