# needs: postgresql+asyncpg, postgresql+psycopg
import asyncio
import os
import random
import threading
import time

from sqlalchemy import create_engine, make_url, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker


class Base(DeclarativeBase):
    pass


class Account(Base):
    __tablename__ = "accounts"
    id: Mapped[int] = mapped_column(primary_key=True)
    balance: Mapped[int]


RETRY_SQLSTATES = {"40001", "40P01"}  # serialization failure, deadlock detected
WORKERS, ROUNDS, ATTEMPTS = 4, 5, 5  # 4 workers x 5 deposits = 20 transactions per run


def worth_retrying(exc):
    return exc.connection_invalidated or getattr(exc.orig, "sqlstate", None) in RETRY_SQLSTATES


engine = create_engine(os.environ["DATABASE_URL"])
Base.metadata.drop_all(engine)
Base.metadata.create_all(engine)


def reset_balance():
    with Session(engine) as session:
        session.merge(Account(id=1, balance=0))
        session.execute(update(Account).values(balance=0))
        session.commit()


def balance():
    with Session(engine) as session:
        return session.get(Account, 1).balance


def with_threads(attempts):  # psycopg: one thread per worker
    RepeatableRead = sessionmaker(engine.execution_options(isolation_level="REPEATABLE READ"))
    barrier = threading.Barrier(WORKERS, timeout=10)
    results = []  # per deposit: (committed, retried); list.append is thread-safe

    def deposit(first_attempt):  # one unit of work, from the start
        with RepeatableRead() as session:
            account = session.get(Account, 1)  # (1)!
            if first_attempt:
                barrier.wait()  # every worker has read the same balance before anyone writes
            account.balance += 1
            session.commit()

    def worker():
        for _ in range(ROUNDS):
            for attempt in range(1, attempts + 1):  # (2)!
                try:
                    deposit(attempt == 1)
                except DBAPIError as exc:
                    if not worth_retrying(exc):
                        raise
                    time.sleep(random.uniform(0, 0.005))  # a short random pause before the next attempt
                    continue
                results.append((True, attempt > 1))
                break
            else:
                results.append((False, False))

    threads = [threading.Thread(target=worker) for _ in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


async def with_tasks(attempts):  # asyncpg: one task per worker, the same loop
    url = make_url(os.environ["DATABASE_URL"]).set(drivername="postgresql+asyncpg")
    async_engine = create_async_engine(url)
    RepeatableRead = async_sessionmaker(async_engine.execution_options(isolation_level="REPEATABLE READ"))
    barrier = asyncio.Barrier(WORKERS)
    results = []

    async def deposit(first_attempt):
        async with RepeatableRead() as session:
            account = await session.get(Account, 1)
            if first_attempt:
                await asyncio.wait_for(barrier.wait(), 10)
            account.balance += 1
            await session.commit()

    async def worker():
        for _ in range(ROUNDS):
            for attempt in range(1, attempts + 1):
                try:
                    await deposit(attempt == 1)
                except DBAPIError as exc:
                    if not worth_retrying(exc):
                        raise
                    await asyncio.sleep(random.uniform(0, 0.005))
                    continue
                results.append((True, attempt > 1))
                break
            else:
                results.append((False, False))

    await asyncio.gather(*(worker() for _ in range(WORKERS)))
    await async_engine.dispose()
    return results


def run(driver, attempts):
    reset_balance()
    results = with_threads(attempts) if driver == "psycopg" else asyncio.run(with_tasks(attempts))
    failures = sum(1 for committed, _ in results if not committed)
    return len(results), failures, any(retried for _, retried in results)


total, failures, _ = run("psycopg", attempts=1)
print(f"psycopg without retrying: {total} transactions, failures: {failures}")  # (3)!
#> psycopg without retrying: 20 transactions, failures: 15
total, failures, retried = run("psycopg", attempts=ATTEMPTS)
print(f"psycopg with the retry loop: {total} transactions, failures: {failures}")
#> psycopg with the retry loop: 20 transactions, failures: 0
print("balance:", balance(), "| some deposits were retried:", retried)  # (4)!
#> balance: 20 | some deposits were retried: True
total, failures, _ = run("asyncpg", attempts=1)
print(f"asyncpg without retrying: {total} transactions, failures: {failures}")
#> asyncpg without retrying: 20 transactions, failures: 15
total, failures, retried = run("asyncpg", attempts=ATTEMPTS)
print(f"asyncpg with the retry loop: {total} transactions, failures: {failures}")
#> asyncpg with the retry loop: 20 transactions, failures: 0
print("balance:", balance(), "| some deposits were retried:", retried)
#> balance: 20 | some deposits were retried: True
engine.dispose()
