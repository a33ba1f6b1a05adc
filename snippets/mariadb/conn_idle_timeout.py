# needs: mysql+pymysql, mysql+aiomysql
import asyncio
import os

from sqlalchemy import create_engine, exc, make_url, text
from sqlalchemy.ext.asyncio import create_async_engine

url = make_url(os.environ["MARIADB_URL"])
short_wait = {"init_command": "SET SESSION wait_timeout = 1"}  # (1)!
plain = create_engine(url, connect_args=short_wait)
pinged = create_engine(url, connect_args=short_wait, pool_pre_ping=True)


async def main():
    aio = create_async_engine(url.set(drivername="mysql+aiomysql"), connect_args=short_wait)
    with plain.connect() as conn:
        print(conn.execute(text("select @@global.wait_timeout, @@session.wait_timeout")).one())
        #> (28800, 1)
    pinged.connect().close()
    async with aio.connect() as conn:
        await conn.execute(text("select 1"))
    await asyncio.sleep(2.5)  # (2)!

    try:
        with plain.connect() as conn:
            conn.scalar(text("select 'ok'"))
    except exc.OperationalError as error:
        print(str(error).splitlines()[0])  # (3)!
        '''
        (pymysql.err.OperationalError) (2006, "MySQL server has gone away (ConnectionResetError(104, 'Connection reset by peer'))")
        '''
        print("connection_invalidated:", error.connection_invalidated)
        #> connection_invalidated: True
    with plain.connect() as conn:
        print("next checkout:", conn.scalar(text("select 'ok'")))
        #> next checkout: ok

    try:
        async with aio.connect() as conn:
            await conn.execute(text("select 'ok'"))
    except exc.OperationalError as error:
        print(str(error).splitlines()[0])  # (4)!
        '''
        (pymysql.err.OperationalError) (2013, 'Lost connection to MySQL server during query ([Errno 104] Connection reset by peer)')
        '''
        print("connection_invalidated:", error.connection_invalidated)
        #> connection_invalidated: True

    with pinged.connect() as conn:
        print("with pre-ping:", conn.scalar(text("select 'ok'")))  # (5)!
        #> with pre-ping: ok
    await aio.dispose()


asyncio.run(main())
plain.dispose()
pinged.dispose()
