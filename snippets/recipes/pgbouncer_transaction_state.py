# needs: postgresql+psycopg, postgresql+asyncpg, pgbouncer
import asyncio
import os
import threading

import psycopg
from sqlalchemy import NullPool, create_engine, event, exc, make_url, text
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine
from sqlalchemy.orm import Session, sessionmaker

direct_url = os.environ["DATABASE_URL"]
direct = create_engine(direct_url, poolclass=NullPool)
with direct.begin() as conn:
    conn.execute(text("drop table if exists counters"))
    conn.execute(text("create table counters (name text primary key, value int)"))
    conn.execute(text("insert into counters values ('orders', 0)"))
bouncer = make_url(os.environ["PGBOUNCER_URL"])
engine = create_engine(bouncer, poolclass=NullPool, connect_args={"prepare_threshold": None})
async_engine = create_async_engine(
    bouncer.set(drivername="postgresql+asyncpg"), poolclass=NullPool, connect_args={"statement_cache_size": 0}
)


class RequestSession(Session):
    pass


@event.listens_for(RequestSession, "after_begin")
def set_local(session, transaction, connection):
    connection.execute(text("set local statement_timeout = '2s'"))  # (1)!


def place_order(session, item):
    session.execute(text("select pg_advisory_xact_lock(42)"))
    value = session.scalar(text("select value from counters where name = 'orders'"))
    session.execute(text("update counters set value = :value where name = 'orders'"), {"value": value + 1})
    session.execute(text("create temporary table cart (item text) on commit drop"))  # (2)!
    session.execute(text("insert into cart values (:item)"), {"item": item})
    session.execute(text("select pg_notify('orders', :item)"), {"item": item})
    if session.scalar(text("select current_setting('statement_timeout') || ' ' || count(*) from cart")) != "2s 1":
        raise RuntimeError("state")


Request = sessionmaker(engine, class_=RequestSession)
AsyncRequest = async_sessionmaker(async_engine, sync_session_class=RequestSession)
CLIENTS, REQUESTS = 8, 5
failures = {"psycopg": 0, "asyncpg": 0}


def thread(number):
    for request in range(REQUESTS):
        try:
            with Request() as session:
                place_order(session, f"psycopg {number} {request}")
                session.commit()
        except (exc.DBAPIError, RuntimeError):
            failures["psycopg"] += 1


async def task(number):
    for request in range(REQUESTS):
        try:
            async with AsyncRequest() as session:
                await session.run_sync(place_order, f"asyncpg {number} {request}")
                await session.commit()
        except (exc.DBAPIError, RuntimeError):
            failures["asyncpg"] += 1


async def tasks():
    await asyncio.gather(*(task(n) for n in range(CLIENTS)))
    await async_engine.dispose()


listen_url = make_url(direct_url).set(drivername="postgresql").render_as_string(hide_password=False)
with psycopg.connect(listen_url, autocommit=True) as listener:  # (3)!
    listener.execute("listen orders")
    threads = [threading.Thread(target=thread, args=(n,)) for n in range(CLIENTS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    asyncio.run(tasks())
    received, expected = set(), 2 * CLIENTS * REQUESTS
    while len(received) < expected:
        before = len(received)
        received.update(n.payload for n in listener.notifies(timeout=2, stop_after=expected - before))
        if len(received) == before:
            break
for driver, failed in failures.items():
    print(f"{driver}, {CLIENTS} clients, {CLIENTS * REQUESTS} requests, failures: {failed}")
    #> psycopg, 8 clients, 40 requests, failures: 0
    #> asyncpg, 8 clients, 40 requests, failures: 0
print("notifications received by the direct listener:", len(received))
#> notifications received by the direct listener: 80
with direct.connect() as conn:
    print("counter:", conn.scalar(text("select value from counters")))
    #> counter: 80
    print("advisory locks held:", conn.scalar(text("select count(*) from pg_locks where locktype = 'advisory'")))
    #> advisory locks held: 0
    print("temporary tables left:", conn.scalar(text("select count(*) from pg_class where relpersistence = 't'")))
    #> temporary tables left: 0
with Session(engine) as s1, Session(engine) as s2, Session(engine) as s3, Session(engine) as s4, Session(engine) as s5:
    every_server_session = [s.scalar(text("show statement_timeout")) for s in (s1, s2, s3, s4, s5)]  # (4)!
    print("statement_timeout outside a request, on all 5 server sessions:", every_server_session)
    '''
    statement_timeout outside a request, on all 5 server sessions:
    ['0', '0', '0', '0', '0']
    '''
engine.dispose()
direct.dispose()
