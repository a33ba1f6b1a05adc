# needs: mysql+pymysql
import os
import threading
import time

from sqlalchemy import create_engine, exc, text

url = os.environ["MARIADB_URL"]
admin = create_engine(url, isolation_level="AUTOCOMMIT")


def running(connection_id, state=None):
    query = "select count(*) from information_schema.processlist where id = :id"
    if state:
        query += " and state = :state"
    with admin.connect() as conn:
        return conn.scalar(text(query), {"id": connection_id, "state": state})


engine = create_engine(url, connect_args={"init_command": "SET SESSION wait_timeout = 1"})  # (1)!
with engine.connect() as conn:
    idle_id = conn.scalar(text("select connection_id()"))
while running(idle_id):  # (2)!
    time.sleep(0.05)
try:
    with engine.connect() as conn:
        conn.execute(text("select 1"))
except exc.OperationalError as error:
    print(type(error).__module__, type(error).__name__, error.orig.args[0], error.connection_invalidated)  # (3)!
    #> sqlalchemy.exc OperationalError 2006 True
    print(str(error).splitlines()[0])
    '''
    (pymysql.err.OperationalError) (2006, "MySQL server has gone away (ConnectionResetError(104, 'Connection reset by peer'))")
    '''


def kill_during_query(connection_id):
    while not running(connection_id, "User sleep"):
        time.sleep(0.05)
    with admin.connect() as conn:
        conn.execute(text(f"KILL {connection_id}"))


with engine.connect() as conn:
    busy_id = conn.scalar(text("select connection_id()"))
    killer = threading.Thread(target=kill_during_query, args=(busy_id,))
    killer.start()
    try:
        conn.execute(text("select sleep(10)"))
    except exc.OperationalError as error:
        print(type(error).__module__, type(error).__name__, error.orig.args[0], error.connection_invalidated)  # (4)!
        #> sqlalchemy.exc OperationalError 2013 True
        print(str(error).splitlines()[0])
        '''
        (pymysql.err.OperationalError) (2013, 'Lost connection to MySQL server during query')
        '''
    killer.join()
engine.dispose()

engine = create_engine(url, connect_args={"read_timeout": 1})
try:
    with engine.connect() as conn:
        conn.execute(text("select sleep(2)"))
except exc.OperationalError as error:
    print(str(error).splitlines()[0])  # (5)!
    '''
    (pymysql.err.OperationalError) (2013, 'Lost connection to MySQL server during query (timed out)')
    '''
engine.dispose()
admin.dispose()
