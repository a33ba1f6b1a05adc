# needs: postgresql+asyncpg, postgresql+psycopg
import asyncio
import os
import socket
import threading
import time

from sqlalchemy import create_engine, make_url, text
from sqlalchemy.ext.asyncio import create_async_engine

server = make_url(os.environ["DATABASE_URL"])
silent = threading.Event()
sockets, threads = [], []


def pump(source, target):  # (1)!
    try:
        while data := source.recv(65536):
            while silent.is_set():
                time.sleep(0.02)  # hold the bytes: no answer, no FIN, no RST
            target.sendall(data)
    except OSError:
        pass
    finally:
        try:  # shutdown, not just close: it wakes the other pump blocked in recv() on this socket
            target.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        target.close()


def forward(listener):
    while True:
        try:
            client, _ = listener.accept()
        except OSError:
            return
        upstream = socket.create_connection((server.host, server.port))
        sockets.extend((client, upstream))
        for pair in ((client, upstream), (upstream, client)):
            threads.append(threading.Thread(target=pump, args=pair))
            threads[-1].start()


listener = socket.create_server(("127.0.0.1", 0))
forwarder = threading.Thread(target=forward, args=(listener,))
forwarder.start()
url = server.set(host="127.0.0.1", port=listener.getsockname()[1])

engine = create_engine(url, pool_pre_ping=True, connect_args={"options": "-c statement_timeout=500"})
with engine.connect() as conn:
    conn.scalar(text("select 1"))
silent.set()  # (2)!
result = []
request = threading.Thread(target=lambda: result.append(engine.connect().close()))
request.start()
request.join(1)
print("psycopg checkout with pre-ping still waiting after 1 s:", request.is_alive())  # (3)!
#> psycopg checkout with pre-ping still waiting after 1 s: True
silent.clear()
request.join()
engine.dispose()


async def main():
    engine = create_async_engine(url.set(drivername="postgresql+asyncpg"), connect_args={"command_timeout": 0.3})
    async with engine.connect() as conn:
        await conn.execute(text("select 1"))
        silent.set()
        try:
            await conn.execute(text("select 1"))
        except TimeoutError:
            print("asyncpg with command_timeout=0.3: TimeoutError")  # (4)!
            #> asyncpg with command_timeout=0.3: TimeoutError
        silent.clear()
        await conn.invalidate()
    await engine.dispose()


asyncio.run(main())
listener.shutdown(socket.SHUT_RDWR)
listener.close()
forwarder.join()  # no connection is accepted after this, so `sockets` is complete
for sock in sockets:
    try:
        sock.shutdown(socket.SHUT_RDWR)  # wakes the pumps blocked in recv()
    except OSError:
        pass
for thread in threads:
    thread.join()
