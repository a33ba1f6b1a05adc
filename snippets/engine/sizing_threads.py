# needs: sqlite+aiosqlite, sqlite+pysqlite
import asyncio
import threading
import time
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import create_engine, event, exc, text
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.orm import Session

POOL_SIZE, MAX_OVERFLOW = 8, 3  # (1)!
THREADS, REQUESTS = 40, 80  # (2)!


def count_open(engine):
    """Count the DBAPI connections open at once, and remember the peak."""
    lock, counts = threading.Lock(), {"open": 0, "peak": 0}

    def opened(dbapi_conn, record):
        with lock:
            counts["open"] += 1
            counts["peak"] = max(counts["peak"], counts["open"])

    def closed(dbapi_conn, record):
        with lock:
            counts["open"] -= 1

    event.listen(engine, "connect", opened)
    event.listen(engine, "close", closed)
    return counts


def serve(pool_timeout):
    engine = create_engine(
        "sqlite:///app.db",
        pool_size=POOL_SIZE,
        max_overflow=MAX_OVERFLOW,
        pool_timeout=pool_timeout,
    )
    counts = count_open(engine)

    def request(n):
        try:
            with Session(engine) as session:
                session.execute(text("select 1"))
                time.sleep(0.05)  # (3)!
                session.commit()
            return 0
        except exc.TimeoutError:
            return 1

    with ThreadPoolExecutor(max_workers=THREADS) as workers:  # (4)!
        failures = sum(workers.map(request, range(REQUESTS)))
    engine.dispose()
    return counts["peak"], failures


peak, failures = serve(pool_timeout=10)  # (5)!
print(f"peak open connections: {peak} (limit {POOL_SIZE + MAX_OVERFLOW})")
#> peak open connections: 11 (limit 11)
print(f"{THREADS} threads, pool_timeout=10: {REQUESTS} requests, failures: {failures}")
#> 40 threads, pool_timeout=10: 80 requests, failures: 0
peak, failures = serve(pool_timeout=0.01)  # (6)!
print(f"{THREADS} threads, pool_timeout=0.01: some requests failed: {failures > 0}")
#> 40 threads, pool_timeout=0.01: some requests failed: True


async def serve_tasks():
    engine = create_async_engine(
        "sqlite+aiosqlite:///app.db", pool_size=POOL_SIZE, max_overflow=MAX_OVERFLOW
    )
    counts = count_open(engine.sync_engine)

    async def request(n):
        async with engine.connect() as conn:
            await conn.execute(text("select 1"))
            await asyncio.sleep(0.05)
            await conn.commit()

    results = await asyncio.gather(  # (7)!
        *(request(n) for n in range(REQUESTS)), return_exceptions=True
    )
    await engine.dispose()
    failures = sum(isinstance(result, Exception) for result in results)
    return counts["peak"], failures


peak, failures = asyncio.run(serve_tasks())
print(f"asyncio tasks: peak open connections: {peak}; {REQUESTS} requests, failures: {failures}")
#> asyncio tasks: peak open connections: 11; 80 requests, failures: 0
