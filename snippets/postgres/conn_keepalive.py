# needs: postgresql+asyncpg, postgresql+psycopg
import asyncio
import os
import socket

from sqlalchemy import create_engine, make_url, text
from sqlalchemy.ext.asyncio import create_async_engine

url = os.environ["DATABASE_URL"]
SERVER_SIDE = {"tcp_keepalives_idle": "60", "tcp_keepalives_interval": "10",
               "tcp_keepalives_count": "3", "client_connection_check_interval": "5000"}
SHOW = text("select current_setting('tcp_keepalives_idle'), current_setting('tcp_keepalives_interval'),"
            " current_setting('tcp_keepalives_count'), current_setting('client_connection_check_interval')")

engine = create_engine(url, connect_args={
    "keepalives": 1, "keepalives_idle": 30, "keepalives_interval": 10, "keepalives_count": 3,  # (1)!
    "tcp_user_timeout": 20000,  # (2)!
    "options": " ".join(f"-c {name}={value}" for name, value in SERVER_SIDE.items()),  # (3)!
})
with engine.connect() as conn:
    pgconn = conn.connection.dbapi_connection.pgconn
    params = conn.connection.dbapi_connection.info.get_parameters()
    print({name: params[name] for name in ("keepalives_idle", "tcp_user_timeout")})  # (4)!
    #> {'keepalives_idle': '30', 'tcp_user_timeout': '20000'}
    with socket.socket(fileno=os.dup(pgconn.socket)) as sock:  # (5)!
        options = [sock.getsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE)] + [
            sock.getsockopt(socket.IPPROTO_TCP, option) for option in
            (socket.TCP_KEEPIDLE, socket.TCP_KEEPINTVL, socket.TCP_KEEPCNT, socket.TCP_USER_TIMEOUT)]
    print("client socket:", options)
    #> client socket: [1, 30, 10, 3, 20000]
    print("server side:", conn.execute(SHOW).one())  # (6)!
    #> server side: ('60', '10', '3', '5s')
engine.dispose()


async def main():
    engine = create_async_engine(make_url(url).set(drivername="postgresql+asyncpg"),
                                 connect_args={"server_settings": SERVER_SIDE})  # (7)!
    async with engine.connect() as conn:
        print("asyncpg, server side:", (await conn.execute(SHOW)).one())
        #> asyncpg, server side: ('60', '10', '3', '5s')
    await engine.dispose()


asyncio.run(main())
