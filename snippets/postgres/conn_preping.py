# needs: postgresql+asyncpg, postgresql+psycopg
import asyncio
import os
import threading

from sqlalchemy import create_engine, event, exc, make_url, text
from sqlalchemy.ext.asyncio import create_async_engine

url = os.environ["DATABASE_URL"]
admin = create_engine(url)
KILL_IDLE = text(
    "select count(pg_terminate_backend(pid, 5000)) from pg_stat_activity"
    " where datname = current_database() and application_name = 'web-app' and state = 'idle'"
)


def count_events(engine):
    counts = {"checkouts": 0, "connections opened": 0, "pings": 0}
    ping = engine.dialect.do_ping
    lock = threading.Lock()

    def counting_ping(dbapi_connection):  # (1)!
        with lock:
            counts["pings"] += 1
        return ping(dbapi_connection)

    engine.dialect.do_ping = counting_ping

    @event.listens_for(engine, "checkout")
    def checkout(*args):
        with lock:
            counts["checkouts"] += 1

    @event.listens_for(engine, "connect")
    def connect(*args):
        with lock:
            counts["connections opened"] += 1

    return counts


def sync_requests(engine, failures):
    def request():
        try:
            with engine.connect() as conn:
                conn.execute(text("select 1"))
                conn.commit()
        except exc.DBAPIError:
            failures.append(1)

    def worker():
        for _ in range(6):
            request()

    request()  # (2)!
    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return 25


for pre_ping in (False, True):
    engine = create_engine(url, pool_size=4, max_overflow=0, pool_pre_ping=pre_ping,
                           connect_args={"application_name": "web-app"})
    held = [engine.connect() for _ in range(4)]  # (3)!
    for conn in held:
        conn.close()
    counts = count_events(engine)
    with admin.connect() as conn:
        conn.execute(KILL_IDLE)  # (4)!
    failures = []
    requests = sync_requests(engine, failures)
    if not pre_ping:
        print("psycopg without pre-ping, failed:", len(failures) > 0)
        #> psycopg without pre-ping, failed: True
    else:
        print(f"psycopg with pre-ping: {requests} requests, failures: {len(failures)}")
        #> psycopg with pre-ping: 25 requests, failures: 0
        print(counts)  # (5)!
        #> {'checkouts': 25, 'connections opened': 4, 'pings': 22}
    engine.dispose()


async def async_requests():
    engine = create_async_engine(make_url(url).set(drivername="postgresql+asyncpg"),
                                 pool_size=4, max_overflow=0, pool_pre_ping=True,
                                 connect_args={"server_settings": {"application_name": "web-app"}})
    held = [await engine.connect() for _ in range(4)]
    for conn in held:
        await conn.close()
    with admin.connect() as conn:
        conn.execute(KILL_IDLE)
    failures = []

    async def request():
        try:
            async with engine.connect() as conn:
                await conn.execute(text("select 1"))
                await conn.commit()
        except exc.DBAPIError:
            failures.append(1)

    async def worker():
        for _ in range(6):
            await request()

    await request()
    await asyncio.gather(*(worker() for _ in range(4)))
    print(f"asyncpg with pre-ping: 25 requests, failures: {len(failures)}")
    #> asyncpg with pre-ping: 25 requests, failures: 0
    await engine.dispose()


asyncio.run(async_requests())
admin.dispose()
