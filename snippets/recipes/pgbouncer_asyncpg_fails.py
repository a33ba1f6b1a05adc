# needs: postgresql+asyncpg, postgresql+psycopg, pgbouncer
import asyncio
import os
import re
import time
import uuid

import psycopg
from sqlalchemy import NullPool, create_engine, exc, make_url, select, text
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
bouncer = make_url(os.environ["PGBOUNCER_URL"])
url = bouncer.set(drivername="postgresql+asyncpg")
console = bouncer.set(drivername="postgresql", database="pgbouncer").render_as_string(hide_password=False)
SETTINGS = {
    "defaults": {},
    "prepared_statement_name_func": {"prepared_statement_name_func": lambda: f"__asyncpg_{uuid.uuid4()}__"},
    "prepared_statement_cache_size=0": {"prepared_statement_cache_size": 0},
    "statement_cache_size=0": {"statement_cache_size": 0},
}


def new_server_sessions():
    with psycopg.connect(console, autocommit=True) as admin:
        admin.execute(f"RECONNECT {bouncer.database}")


def what(error):
    driver_error = error.orig.__cause__  # (1)!
    message = re.sub(r'"\w[^"]*"', '"..."', str(driver_error).splitlines()[0])
    return f"{type(driver_error).__name__}: {message}"


async def two_sessions_take_turns(connect_args):
    engine = create_async_engine(url, connect_args=connect_args)  # AsyncAdaptedQueuePool
    failed = []
    first, second = AsyncSession(engine), AsyncSession(engine)
    for n in range(20):
        try:
            if n % 2:
                await second.execute(text("select 1"))
            (await first.scalars(select(Item).where(Item.id == 1 + n % 10))).one()
            await first.commit()
        except exc.DBAPIError as error:
            await first.rollback()
            failed.append(what(error))
        finally:
            await second.commit()
    await first.close()
    await second.close()
    await engine.dispose()
    return failed


def worker_process(connect_args, report):  # (2)!
    async def requests():
        engine = create_async_engine(url, poolclass=NullPool, connect_args=connect_args)
        for n in range(20):
            try:
                async with AsyncSession(engine) as session:
                    for item in await session.scalars(select(Item).where(Item.id.in_([1 + n % 9, 2 + n % 9]))):
                        item.stock -= 1
                    await session.commit()  # (3)!
            except exc.DBAPIError as error:
                os.write(report, (what(error) + "\n").encode())
        await engine.dispose()

    try:
        asyncio.run(requests())
    finally:
        os._exit(0)


def start_twice(connect_args):
    reading, writing = os.pipe()
    for start in range(2):
        child = os.fork()
        if child == 0:
            os.close(reading)
            worker_process(connect_args, writing)
        deadline = time.monotonic() + 10
        while not os.waitpid(child, os.WNOHANG)[0]:
            if time.monotonic() > deadline:
                os.kill(child, 9)
            time.sleep(0.01)
    os.close(writing)
    with os.fdopen(reading) as lines:
        return lines.read().splitlines()


errors = set()
for name, connect_args in SETTINGS.items():
    new_server_sessions()
    failed = asyncio.run(two_sessions_take_turns(connect_args))
    errors.update(failed)
    print(f"two sessions, {name}: 20 requests, failures: {len(failed)}")
    #> two sessions, defaults: 20 requests, failures: 9
    #> two sessions, prepared_statement_name_func: 20 requests, failures: 9
    #> two sessions, prepared_statement_cache_size=0: 20 requests, failures: 0
    #> two sessions, statement_cache_size=0: 20 requests, failures: 0
print("errors:", sorted(errors))
#> errors: ['InvalidSQLStatementNameError: prepared statement "..." does not exist']
errors = set()
for name, connect_args in SETTINGS.items():
    new_server_sessions()
    failed = start_twice(connect_args)
    errors.update(failed)
    print(f"started twice, {name}: 40 requests, failures: {len(failed)}")
    #> started twice, defaults: 40 requests, failures: 20
    #> started twice, prepared_statement_name_func: 40 requests, failures: 20
    #> started twice, prepared_statement_cache_size=0: 40 requests, failures: 20
    #> started twice, statement_cache_size=0: 40 requests, failures: 0
print("errors:", sorted(errors))
#> errors: ['DuplicatePreparedStatementError: prepared statement "..." already exists']
direct.dispose()
