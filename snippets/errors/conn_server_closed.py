import os
import socket

from sqlalchemy import create_engine, exc, text

url = os.environ["DATABASE_URL"]


def drop_idle_connection(engine):
    with engine.connect() as conn:
        fd = conn.connection.dbapi_connection.fileno()
    with socket.socket(fileno=os.dup(fd)) as sock:  # (1)!
        sock.shutdown(socket.SHUT_RDWR)


engine = create_engine(url)
drop_idle_connection(engine)
try:
    with engine.connect() as conn:
        conn.scalar(text("select 'ok'"))
except exc.OperationalError as error:
    print(type(error.orig).__name__, error.connection_invalidated)  # (2)!
    #> OperationalError True
    print(str(error.orig).splitlines()[0])
    #> consuming input failed: server closed the connection unexpectedly
engine.dispose()

engine = create_engine(url, pool_pre_ping=True)  # (3)!
drop_idle_connection(engine)
with engine.connect() as conn:
    print("with pre-ping:", conn.scalar(text("select 'ok'")))
    #> with pre-ping: ok
engine.dispose()
