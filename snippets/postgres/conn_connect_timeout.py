# needs: postgresql+psycopg, postgresql+asyncpg
import asyncio
import os
import socket
import time

from sqlalchemy import create_engine, exc, make_url, text
from sqlalchemy.ext.asyncio import create_async_engine

silent = socket.create_server(("127.0.0.1", 0))  # (1)!
url = make_url(os.environ["DATABASE_URL"]).set(host="127.0.0.1", port=silent.getsockname()[1])

engine = create_engine(url, connect_args={"connect_timeout": 2})  # (2)!
started = time.monotonic()
try:
    with engine.connect() as conn:
        conn.execute(text("select 1"))
except exc.OperationalError as error:
    print(type(error.orig).__name__, "|", str(error.orig).splitlines()[-1].split(": ")[-1])  # (3)!
    #> ConnectionTimeout | connection timeout expired
print("psycopg gave up within 3 s:", time.monotonic() - started < 3)
#> psycopg gave up within 3 s: True
engine.dispose()


async def main():
    engine = create_async_engine(url.set(drivername="postgresql+asyncpg"), connect_args={"timeout": 0.5})  # (4)!
    started = time.monotonic()
    try:
        async with engine.connect() as conn:
            await conn.execute(text("select 1"))
    except TimeoutError as error:
        print(type(error).__name__)
        #> TimeoutError
    print("asyncpg gave up within 1.5 s:", time.monotonic() - started < 1.5)
    #> asyncpg gave up within 1.5 s: True
    await engine.dispose()


asyncio.run(main())
silent.close()
