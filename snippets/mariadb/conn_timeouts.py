# needs: mysql+pymysql, mysql+aiomysql
import asyncio
import os
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import create_engine, exc, make_url, text
from sqlalchemy.ext.asyncio import create_async_engine

url = make_url(os.environ["MARIADB_URL"])
silent = socket.create_server(("127.0.0.1", 0))  # (1)!
silent_url = url.set(host="127.0.0.1", port=silent.getsockname()[1])


def connect_to_silent_server():
    engine = create_engine(silent_url, connect_args={"connect_timeout": 1})  # (2)!
    try:
        engine.connect()
    except exc.OperationalError:
        pass  # the socket is reset at the end of the snippet's wait
    engine.dispose()


async def aiomysql_to_silent_server():
    engine = create_async_engine(silent_url.set(drivername="mysql+aiomysql"), connect_args={"connect_timeout": 1})
    try:
        async with asyncio.timeout(2):  # (3)!
            await engine.connect()
    except TimeoutError:
        return "aiomysql: TimeoutError from asyncio.timeout, after 2 s"
    finally:
        await engine.dispose()


waiting = threading.Thread(target=connect_to_silent_server)
waiting.start()
print(asyncio.run(aiomysql_to_silent_server()))
#> aiomysql: TimeoutError from asyncio.timeout, after 2 s
print("PyMySQL with connect_timeout=1, still connecting after 2 s:", waiting.is_alive())
#> PyMySQL with connect_timeout=1, still connecting after 2 s: True

bounded = create_engine(silent_url, connect_args={"connect_timeout": 1, "read_timeout": 1})
try:
    bounded.connect()
except exc.OperationalError as error:
    print("with read_timeout=1:", error.orig.args)  # (4)!
    '''
    with read_timeout=1:
    (2013, 'Lost connection to MySQL server during query (timed out)')
    '''
silent.close()
waiting.join()

admin = create_engine(url)
slow_reader = create_engine(url, connect_args={"read_timeout": 1})
with slow_reader.connect() as conn:
    target = conn.scalar(text("select connection_id()"))
    try:
        conn.execute(text("select sleep(3)"))
    except exc.OperationalError as error:
        print(error.orig.args)  # (5)!
        #> (2013, 'Lost connection to MySQL server during query (timed out)')
        print("connection_invalidated:", error.connection_invalidated)
        #> connection_invalidated: True
with admin.connect() as conn:
    state = conn.scalar(text("select state from information_schema.processlist where id = :id"), {"id": target})
    print("the server still runs it:", state)
    #> the server still runs it: User sleep

guarded = create_engine(url, connect_args={"init_command": "SET SESSION max_statement_time = 1"})  # (6)!
with guarded.connect() as conn:
    try:
        conn.execute(text("select sleep(3)"))
    except exc.OperationalError as error:
        print(error.orig.args)
        #> (1969, 'Query execution was interrupted (max_statement_time exceeded)')
        print("connection_invalidated:", error.connection_invalidated)
        #> connection_invalidated: False
    print("same connection:", conn.scalar(text("select 'ok'")))
    #> same connection: ok


async def cancelled_request():
    engine = create_async_engine(url.set(drivername="mysql+aiomysql"), pool_size=1, max_overflow=0)
    async with engine.connect() as conn:
        before = await conn.scalar(text("select connection_id()"))
    try:
        async with asyncio.timeout(1), engine.connect() as conn:
            await conn.execute(text("select sleep(3)"))
    except TimeoutError:
        pass
    async with engine.connect() as conn:
        after = await conn.scalar(text("select connection_id()"))
    await engine.dispose()
    return f"aiomysql after a 1 s asyncio.timeout: same connection next time: {before == after}"


print(asyncio.run(cancelled_request()))  # (7)!
#> aiomysql after a 1 s asyncio.timeout: same connection next time: False

both = create_engine(url, pool_size=4, max_overflow=0, connect_args={  # (8)!
    "connect_timeout": 5, "read_timeout": 10, "init_command": "SET SESSION max_statement_time = 1"})


def request(number):
    seconds = 2 if number % 2 else 0  # every other request runs past max_statement_time
    try:
        with both.connect() as conn:
            conn.scalar(text("select sleep(:s)"), {"s": seconds})
            return "ok" if not seconds else "ran past the limit"
    except exc.OperationalError as error:
        stopped = error.orig.args[0] == 1969 and not error.connection_invalidated
        return "stopped by the server" if seconds and stopped else f"failed: {error.orig.args}"


with ThreadPoolExecutor(4) as pool:
    outcomes = list(pool.map(request, range(24)))
with admin.connect() as conn:  # a statement the server stopped may take a moment to leave the list
    for _ in range(150):
        running = conn.scalar(text("select count(*) from information_schema.processlist"
                                   " where db = database() and command = 'Query' and id <> connection_id()"))
        if not running:
            break
        time.sleep(0.1)
expected = ["stopped by the server" if n % 2 else "ok" for n in range(24)]
failures = sum(o != e for o, e in zip(outcomes, expected)) + running
print(f"{len(outcomes)} requests (half of them too slow), failures: {failures}")
#> 24 requests (half of them too slow), failures: 0
for engine in (bounded, admin, slow_reader, guarded, both):
    engine.dispose()
