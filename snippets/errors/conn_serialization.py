# needs: postgresql+asyncpg, postgresql+psycopg
import asyncio
import os
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import create_engine, exc, make_url, text
from sqlalchemy.ext.asyncio import create_async_engine

url = os.environ["DATABASE_URL"]
engine = create_engine(url)
repeatable = engine.execution_options(isolation_level="REPEATABLE READ")
with engine.begin() as conn:
    conn.execute(text("drop table if exists seats"))
    conn.execute(text("create table seats (id int primary key, free int)"))
    conn.execute(text("insert into seats values (1, 10)"))


def book(attempt):  # one unit of work, from its first read to its commit
    with repeatable.begin() as conn:
        free = conn.scalar(text("select free from seats where id = 1"))  # (1)!
        if attempt == 1:
            with engine.begin() as other:  # another request books a seat meanwhile
                other.execute(text("update seats set free = free - 1 where id = 1"))
        conn.execute(text("update seats set free = :free where id = 1"), {"free": free - 1})  # (2)!


for attempt in (1, 2, 3):  # (3)!
    try:
        book(attempt)
    except exc.OperationalError as error:
        if getattr(error.orig, "sqlstate", None) != "40001":
            raise
        print(attempt, error.orig.sqlstate, error.orig.diag.message_primary)
        #> 1 40001 could not serialize access due to concurrent update
        continue
    print(attempt, "committed")
    #> 2 committed
    break
with engine.connect() as conn:
    print("free:", conn.scalar(text("select free from seats")))  # (4)!
    #> free: 8


def retried(error):
    return getattr(error.orig, "sqlstate", None) in ("40001", "40P01")


def book_with_retry():  # (5)!
    for _ in range(50):  # a bounded number of attempts
        try:
            with repeatable.begin() as conn:
                free = conn.scalar(text("select free from seats where id = 1"))
                conn.execute(text("update seats set free = :free where id = 1"), {"free": free - 1})
            return True
        except exc.DBAPIError as error:
            if not retried(error):
                raise
    return False


async def book_with_retry_async(engine):
    for _ in range(50):  # a bounded number of attempts
        try:
            async with engine.begin() as conn:
                free = await conn.scalar(text("select free from seats where id = 1"))
                await conn.execute(text("update seats set free = :free where id = 1"), {"free": free - 1})
            return True
        except exc.DBAPIError as error:
            if not retried(error):
                raise
    return False


async def twenty_async_bookings():
    async_engine = create_async_engine(
        make_url(url).set(drivername="postgresql+asyncpg"), isolation_level="REPEATABLE READ", pool_size=4, max_overflow=0
    )
    booked = await asyncio.gather(*(book_with_retry_async(async_engine) for _ in range(20)))
    await async_engine.dispose()
    return booked


for driver in ("psycopg", "asyncpg"):
    with engine.begin() as conn:
        conn.execute(text("update seats set free = 100 where id = 1"))
    if driver == "psycopg":
        with ThreadPoolExecutor(max_workers=4) as threads:
            booked = list(threads.map(lambda _: book_with_retry(), range(20)))
    else:
        booked = asyncio.run(twenty_async_bookings())
    with engine.connect() as conn:
        free = conn.scalar(text("select free from seats"))
    print(f"{driver}, free: {free}, {len(booked)} bookings, failures: {booked.count(False)}")
    #> psycopg, free: 80, 20 bookings, failures: 0
    #> asyncpg, free: 80, 20 bookings, failures: 0
engine.dispose()
