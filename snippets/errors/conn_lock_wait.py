import os

from sqlalchemy import create_engine, exc, text
from sqlalchemy.orm import Session

url = os.environ["DATABASE_URL"]
engine = create_engine(url)
with engine.begin() as conn:
    conn.execute(text("drop table if exists stock"))
    conn.execute(text("create table stock (id int primary key, qty int)"))
    conn.execute(text("insert into stock values (1, 10)"))

forgotten = Session(engine)
forgotten.execute(text("update stock set qty = qty - 1 where id = 1"))  # (1)!

with engine.connect() as conn:
    rows = conn.execute(text(
        "select state, query from pg_stat_activity"
        " where datname = current_database() and state = 'idle in transaction'"
    )).all()
    print(rows)  # (2)!
    #> [('idle in transaction', 'update stock set qty = qty - 1 where id = 1')]

with Session(engine) as session:
    session.execute(text("set local lock_timeout = '500ms'"))  # (3)!
    try:
        session.execute(text("update stock set qty = qty + 5 where id = 1"))
    except exc.OperationalError as error:
        print(type(error.orig).__name__, "|", error.orig.diag.message_primary)
        #> LockNotAvailable | canceling statement due to lock timeout

forgotten.close()  # (4)!
with Session(engine) as session:
    session.execute(text("update stock set qty = qty + 5 where id = 1"))
    session.commit()
    print("qty:", session.scalar(text("select qty from stock")))
    #> qty: 15
engine.dispose()
