# needs: mysql+pymysql, mysql+aiomysql
import asyncio
import os
import threading
import time

from sqlalchemy import create_engine, exc, make_url, text
from sqlalchemy.ext.asyncio import create_async_engine

url = make_url(os.environ["MARIADB_URL"])
WAIT_TIMEOUT = 1  # (1)!
short_wait = {"init_command": f"SET SESSION wait_timeout = {WAIT_TIMEOUT}"}
BURSTS, WORKERS, REQUESTS = 3, 4, 2  # 3 bursts of 4 workers x 2 requests: 24 requests
results = {}


def sync_bursts(name, **options):
    engine = create_engine(url, pool_size=WORKERS, max_overflow=0, connect_args=short_wait, **options)
    failures = []

    def worker():
        for _ in range(REQUESTS):
            try:
                with engine.connect() as conn:
                    conn.execute(text("select 1"))
                    conn.commit()
            except exc.DBAPIError:
                failures.append(1)

    for burst in range(BURSTS):
        if burst:
            time.sleep(WAIT_TIMEOUT + 1.2)  # (2)!
        threads = [threading.Thread(target=worker) for _ in range(WORKERS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    engine.dispose()
    results[name] = len(failures)


async def async_bursts(name, **options):
    engine = create_async_engine(url.set(drivername="mysql+aiomysql"), pool_size=WORKERS, max_overflow=0,
                                 connect_args=short_wait, **options)
    failures = []

    async def worker():
        for _ in range(REQUESTS):
            try:
                async with engine.connect() as conn:
                    await conn.execute(text("select 1"))
                    await conn.commit()
            except exc.DBAPIError:
                failures.append(1)

    for burst in range(BURSTS):
        if burst:
            await asyncio.sleep(WAIT_TIMEOUT + 1.2)
        await asyncio.gather(*(worker() for _ in range(WORKERS)))
    await engine.dispose()
    results[name] = len(failures)


runs = [
    threading.Thread(target=sync_bursts, args=("PyMySQL, no pool_recycle",)),
    threading.Thread(target=sync_bursts, args=("PyMySQL, pool_recycle",), kwargs={"pool_recycle": WAIT_TIMEOUT / 2}),  # (3)!
    threading.Thread(target=asyncio.run, args=(async_bursts("aiomysql, pool_recycle", pool_recycle=WAIT_TIMEOUT / 2),)),
]
for run in runs:
    run.start()
for run in runs:
    run.join()
print("PyMySQL, no pool_recycle, failed:", results["PyMySQL, no pool_recycle"] > 0)
#> PyMySQL, no pool_recycle, failed: True
for name in ("PyMySQL, pool_recycle", "aiomysql, pool_recycle"):
    print(f"{name}: {BURSTS * WORKERS * REQUESTS} requests, failures: {results[name]}")
    #> PyMySQL, pool_recycle: 24 requests, failures: 0
    #> aiomysql, pool_recycle: 24 requests, failures: 0
