# needs: mysql+aiomysql
import asyncio
import os

from sqlalchemy import String, event, exc, func, make_url, select, text
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.pool import NullPool


class Base(DeclarativeBase):
    pass


class Order(Base):
    __tablename__ = "orders"
    __table_args__ = ({"mysql_charset": "utf8mb4"},)
    id: Mapped[int] = mapped_column(primary_key=True)
    item: Mapped[str] = mapped_column(String(40))


url = make_url(os.environ["MARIADB_URL"]).set(drivername="mysql+aiomysql")
WAIT_TIMEOUT = 2
engine = create_async_engine(
    url,
    pool_size=4, max_overflow=2, pool_timeout=10,
    pool_pre_ping=True,
    pool_recycle=WAIT_TIMEOUT / 2,
    isolation_level="READ COMMITTED",
    connect_args={
        "connect_timeout": 5,  # (1)!
        "init_command": "SET SESSION max_statement_time = 20, innodb_lock_wait_timeout = 5",
    },
)
REQUEST_TIMEOUT = 30  # (2)!


@event.listens_for(engine.sync_engine, "connect")
def this_run_only(dbapi_connection, connection_record):
    cursor = dbapi_connection.cursor()
    cursor.execute(f"SET SESSION wait_timeout = {WAIT_TIMEOUT}")
    cursor.close()


OURS = " from information_schema.processlist where db = database() and id <> connection_id()"
TASKS, REQUESTS = 6, 20
PEAK, KILL, IDLE = 5, 10, 15
retries, failures = [], []


async def run_with_retry(work, attempts=3):
    for attempt in range(1, attempts + 1):
        async with AsyncSession(engine) as session:
            try:
                async with asyncio.timeout(REQUEST_TIMEOUT):
                    await work(session)
                    await session.commit()
                return
            except exc.DBAPIError as error:
                await session.rollback()
                retryable = error.connection_invalidated or error.orig.args[0] == 1213
                if not retryable or attempt == attempts:
                    raise
                retries.append(error.orig.args[0])


async def worker(number, pause, resume):
    for request in range(REQUESTS):
        async def place_order(session, request=request):
            session.add(Order(item=f"주문 {number}-{request} 🛒"))
            await session.flush()
            if request == PEAK or (request == KILL and number == 0 and not retries):
                await pause.wait()
                await resume.wait()
        if request in (KILL, IDLE) and not (request == KILL and number == 0):
            await pause.wait()
            await resume.wait()
        try:
            await run_with_retry(place_order)
        except (exc.DBAPIError, TimeoutError) as error:
            failures.append(error)


async def main():
    admin = create_async_engine(url, poolclass=NullPool)
    async with admin.begin() as conn:
        await conn.run_sync(Base.metadata.drop_all)
        await conn.run_sync(Base.metadata.create_all)
    pause, resume = asyncio.Barrier(TASKS + 1), asyncio.Barrier(TASKS + 1)
    tasks = [asyncio.create_task(worker(n, pause, resume)) for n in range(TASKS)]
    async with admin.connect() as conn:
        await pause.wait()
        peak = await conn.scalar(text("select count(*)" + OURS))
        await resume.wait()
        await pause.wait()
        for target in (await conn.scalars(text("select id" + OURS))).all():
            await conn.execute(text(f"KILL CONNECTION {target}"))
        await resume.wait()
        await pause.wait()
        await asyncio.sleep(WAIT_TIMEOUT + 1.2)
        await resume.wait()
    await asyncio.gather(*tasks)
    print(f"{TASKS} tasks, {TASKS * REQUESTS} requests, failures: {len(failures)}")
    #> 6 tasks, 120 requests, failures: 0
    print("retried after a disconnect:", retries)
    #> retried after a disconnect: [2013]
    async with admin.connect() as conn:
        print("orders committed:", await conn.scalar(select(func.count()).select_from(Order)))
        #> orders committed: 120
        print(f"peak connections: {peak} of max_connections {await conn.scalar(text('select @@max_connections'))}")
        #> peak connections: 6 of max_connections 30
    await engine.dispose()
    await admin.dispose()


asyncio.run(main())
