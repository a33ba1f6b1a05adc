# needs: mysql+pymysql
import os
import threading
import time

from sqlalchemy import Column, Integer, MetaData, Table, create_engine, exc, func, select, text

url = os.environ["MARIADB_URL"]
metadata = MetaData()
orders = Table("orders", metadata, Column("id", Integer, primary_key=True))
engine = create_engine(url, pool_pre_ping=True)  # (1)!
admin = create_engine(url)
metadata.drop_all(admin)
metadata.create_all(admin)
RUNNING = text("select count(*) from information_schema.processlist where id = :id and state = 'User sleep'")


def kill_while_running(target, what):
    with admin.connect() as conn:
        while not conn.scalar(RUNNING, {"id": target}):  # (2)!
            time.sleep(0.05)
        conn.execute(text(f"KILL {what} {target}"))


def slow_request(what):
    with engine.connect() as conn:
        target = conn.scalar(text("select connection_id()"))
        conn.execute(orders.insert(), {"id": 1})
        killer = threading.Thread(target=kill_while_running, args=(target, what))
        killer.start()
        try:
            conn.execute(text("select sleep(30)"))
        except exc.OperationalError as error:
            outcome = (error.orig.args, error.connection_invalidated)
        killer.join()
        if conn.invalidated:
            return outcome
        rows = conn.scalar(select(func.count()).select_from(orders))  # the transaction goes on
        conn.rollback()
        return (*outcome, rows)


print(slow_request("QUERY"))  # (3)!
#> ((1317, 'Query execution was interrupted'), False, 1)
print(slow_request("CONNECTION"))  # (4)!
#> ((2013, 'Lost connection to MySQL server during query'), True)
with admin.connect() as conn:
    print("rows after the kill:", conn.scalar(select(func.count()).select_from(orders)))  # (5)!
    #> rows after the kill: 0
engine.dispose()
admin.dispose()
