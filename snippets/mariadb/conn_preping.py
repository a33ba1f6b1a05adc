# needs: mysql+pymysql, mysql+aiomysql
import asyncio
import os
import threading
import time

from sqlalchemy import create_engine, exc, make_url, text
from sqlalchemy.ext.asyncio import create_async_engine

url = make_url(os.environ["MARIADB_URL"])
admin = create_engine(url)
ROUNDS, WORKERS = 6, 4


def kill_idle_connections():  # (1)!
    with admin.connect() as conn:
        idle = conn.scalars(text(
            "select id from information_schema.processlist"
            " where db = database() and command = 'Sleep' and id <> connection_id()"
        )).all()
        for target in idle:
            conn.execute(text(f"KILL CONNECTION {target}"))
        while conn.scalar(text("select count(*) from information_schema.processlist where id in :ids"),
                          {"ids": tuple(idle) or (0,)}):  # (2)!
            time.sleep(0.01)


def threaded_requests(engine):
    failures = []
    killed, done = threading.Barrier(WORKERS + 1), threading.Barrier(WORKERS + 1)

    def worker():
        for _ in range(ROUNDS):
            killed.wait()
            try:
                with engine.connect() as conn:
                    conn.execute(text("select 1"))
                    conn.commit()
            except exc.DBAPIError:
                failures.append(1)
            done.wait()

    threads = [threading.Thread(target=worker) for _ in range(WORKERS)]
    for thread in threads:
        thread.start()
    for _ in range(ROUNDS):
        kill_idle_connections()  # (3)!
        killed.wait()
        done.wait()
    for thread in threads:
        thread.join()
    return len(failures)


for pre_ping in (False, True):
    engine = create_engine(url, pool_size=WORKERS, max_overflow=0, pool_pre_ping=pre_ping)
    held = [engine.connect() for _ in range(WORKERS)]
    for conn in held:
        conn.close()
    failures = threaded_requests(engine)
    if not pre_ping:
        print("PyMySQL without pre-ping, failed:", failures > 0)
        #> PyMySQL without pre-ping, failed: True
    else:
        print(f"PyMySQL with pre-ping: {ROUNDS * WORKERS} requests, failures: {failures}")
        #> PyMySQL with pre-ping: 24 requests, failures: 0
    engine.dispose()


async def async_requests():
    engine = create_async_engine(url.set(drivername="mysql+aiomysql"),
                                 pool_size=WORKERS, max_overflow=0, pool_pre_ping=True)
    failures = []

    async def request():
        try:
            async with engine.connect() as conn:
                await conn.execute(text("select 1"))
                await conn.commit()
        except exc.DBAPIError:
            failures.append(1)

    held = [await engine.connect() for _ in range(WORKERS)]
    for conn in held:
        await conn.close()
    for _ in range(ROUNDS):
        await asyncio.to_thread(kill_idle_connections)
        await asyncio.gather(*(request() for _ in range(WORKERS)))
    print(f"aiomysql with pre-ping: {ROUNDS * WORKERS} requests, failures: {len(failures)}")
    #> aiomysql with pre-ping: 24 requests, failures: 0
    await engine.dispose()


asyncio.run(async_requests())
admin.dispose()
