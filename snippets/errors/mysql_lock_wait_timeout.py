# needs: mysql+pymysql
import os
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import create_engine, exc, text
from sqlalchemy.orm import Session

url = os.environ["MARIADB_URL"]
engine = create_engine(url)
with engine.begin() as conn:
    conn.execute(text("drop table if exists stock"))
    conn.execute(text("create table stock (id int primary key, qty int)"))
    conn.execute(text("insert into stock values (1, 10), (2, 10)"))

forgotten = Session(engine)
forgotten.execute(text("update stock set qty = qty - 1 where id = 1"))  # (1)!

with engine.connect() as conn:
    rows = conn.execute(text(
        "select p.command, t.trx_state, t.trx_rows_locked from information_schema.innodb_trx t"
        " join information_schema.processlist p on p.id = t.trx_mysql_thread_id"
    )).all()
    print(rows)  # (2)!
    #> [('Sleep', 'RUNNING', 1)]

impatient = create_engine(url, connect_args={"init_command": "SET SESSION innodb_lock_wait_timeout = 1"})  # (3)!
with Session(impatient) as session:
    session.execute(text("update stock set qty = qty + 1 where id = 2"))
    try:
        session.execute(text("update stock set qty = qty + 5 where id = 1"))
    except exc.OperationalError as error:
        print(type(error).__module__, type(error).__name__, error.orig.args[0], error.connection_invalidated)
        #> sqlalchemy.exc OperationalError 1205 False
        print(str(error).splitlines()[0])
        '''
        (pymysql.err.OperationalError) (1205, 'Lock wait timeout exceeded; try restarting transaction')
        '''
    qty = session.scalar(text("select qty from stock where id = 2"))
    print("still in the transaction:", session.in_transaction(), qty)  # (4)!
    #> still in the transaction: True 11
impatient.dispose()

forgotten.close()  # (5)!
with Session(engine) as session:
    session.execute(text("update stock set qty = qty + 5 where id = 1"))
    session.commit()
    print("qty:", session.scalar(text("select qty from stock where id = 1")))
    #> qty: 15
engine.dispose()

timeouts = "SET SESSION innodb_lock_wait_timeout = 5, idle_transaction_timeout = 1"
safe = create_engine(url, connect_args={"init_command": timeouts}, pool_pre_ping=True)  # (6)!


def sell_one():
    with Session(safe) as session, session.begin():  # (7)!
        session.execute(text("update stock set qty = qty - 1 where id = 1"))


with safe.begin() as conn:
    conn.execute(text("update stock set qty = 100 where id = 1"))
forgotten = Session(safe)
forgotten.execute(text("update stock set qty = 0 where id = 1"))  # (8)!
with ThreadPoolExecutor(max_workers=4) as threads:
    futures = [threads.submit(sell_one) for _ in range(20)]
failures = [f.exception() for f in futures if f.exception()]
with safe.connect() as conn:
    print("qty:", conn.scalar(text("select qty from stock where id = 1")))
    #> qty: 80
try:
    forgotten.commit()
except exc.OperationalError as error:
    print(str(error).splitlines()[0])  # (9)!
    '''
    (pymysql.err.OperationalError) (2006, "MySQL server has gone away (ConnectionResetError(104, 'Connection reset by peer'))")
    '''
forgotten.close()
print(f"closed sessions, idle timeout: {len(futures)} requests, failures: {len(failures)}")
#> closed sessions, idle timeout: 20 requests, failures: 0
safe.dispose()
