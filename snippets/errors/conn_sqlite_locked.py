# needs: sqlite+pysqlite
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import create_engine, event, exc, text
from sqlalchemy.orm import Session


def make_engine(url, timeout=5.0, wal=False):
    engine = create_engine(url, connect_args={"timeout": timeout})  # (1)!
    if wal:
        @event.listens_for(engine, "connect")
        def set_wal(dbapi_connection, connection_record):
            dbapi_connection.execute("pragma journal_mode=wal")  # (2)!
    with engine.begin() as conn:
        conn.execute(text("drop table if exists users"))
        conn.execute(text("create table users (id integer primary key, name text)"))
        conn.execute(text("insert into users (name) values ('kim'), ('lee')"))
    return engine


def first_line(error):
    return str(error).splitlines()[0]


engine = make_engine("sqlite:///app.db", timeout=0.1)
forgotten = Session(engine)
forgotten.execute(text("update users set name = 'park' where id = 1"))  # (3)!
with Session(engine) as session:
    try:
        session.execute(text("update users set name = 'choi' where id = 2"))
    except exc.OperationalError as error:
        print(first_line(error))
        #> (sqlite3.OperationalError) database is locked
forgotten.close()
engine.dispose()

shared = make_engine("sqlite:///file::memory:?cache=shared&uri=true")
with Session(shared) as a, Session(shared) as b:
    a.execute(text("insert into users (name) values ('park')"))  # not committed
    try:
        b.scalar(text("select count(*) from users"))  # (4)!
    except exc.OperationalError as error:
        print(first_line(error))
        #> (sqlite3.OperationalError) database table is locked: users
shared.dispose()


def add_user(engine, name):  # (5)!
    with Session(engine) as session, session.begin():
        session.execute(text("insert into users (name) values (:name)"), {"name": name})


def add_user_while_reading(engine, name):
    with engine.connect() as reader, reader.execute(text("select name from users")) as rows:
        rows.fetchone()  # a read in progress: more rows to fetch
        add_user(engine, name)


def run(engine, work):
    with ThreadPoolExecutor(max_workers=4) as threads:
        futures = [threads.submit(work, engine, f"user {n}") for n in range(20)]
    return sum(future.exception() is not None for future in futures), len(futures)


engine = make_engine("sqlite:///app.db")
failures, n = run(engine, add_user)
print(f"short transactions: {n} write transactions, failures: {failures}")
#> short transactions: 20 write transactions, failures: 0
engine.dispose()

engine = make_engine("sqlite:///app.db", timeout=0.1)
try:
    add_user_while_reading(engine, "jung")
except exc.OperationalError as error:
    print("rollback journal:", first_line(error))  # (6)!
    #> rollback journal: (sqlite3.OperationalError) database is locked
engine.dispose()

engine = make_engine("sqlite:///wal.db", wal=True)
failures, n = run(engine, add_user_while_reading)
print(f"reading while writing, WAL: {n} write transactions, failures: {failures}")
#> reading while writing, WAL: 20 write transactions, failures: 0
engine.dispose()
