# needs: postgresql+psycopg
import os

from sqlalchemy import create_engine, exc, text
from sqlalchemy.orm import Session

url = os.environ["DATABASE_URL"]
with create_engine(url).begin() as conn:
    conn.execute(text("drop table if exists accounts"))
    conn.execute(text("create table accounts (id int primary key, balance int)"))
    conn.execute(text("insert into accounts values (1, 100)"))

worker = create_engine(url, connect_args={"application_name": "leaky-worker"})  # (1)!
guarded = create_engine(url, connect_args={"options": "-c lock_timeout=500"})  # (2)!
observer = create_engine(url)

leaked = Session(worker)
leaked.execute(text("update accounts set balance = balance - 10 where id = 1"))  # (3)!

with observer.connect() as conn:
    activity = conn.execute(text(
        "select state, query from pg_stat_activity"
        " where datname = current_database() and application_name = 'leaky-worker'"
    ))
    print(activity.all())  # (4)!
    '''
    [('idle in transaction', 'update accounts set balance = balance - 10 where id = 1')]
    '''

with Session(guarded) as session:
    try:
        session.execute(text("update accounts set balance = balance + 5 where id = 1"))
    except exc.OperationalError as error:
        print(type(error.orig).__name__, error.orig.sqlstate, "|", str(error.orig).splitlines()[0])  # (5)!
        #> LockNotAvailable 55P03 | canceling statement due to lock timeout

leaked.close()  # (6)!
with Session(guarded) as session:
    session.execute(text("update accounts set balance = balance + 5 where id = 1"))
    session.commit()
    print("balance:", session.scalar(text("select balance from accounts where id = 1")))
    #> balance: 105
for engine in (worker, guarded, observer):
    engine.dispose()
