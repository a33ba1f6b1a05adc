import os

from sqlalchemy import create_engine, exc, text

url = os.environ["DATABASE_URL"]
engine = create_engine(url)
repeatable = engine.execution_options(isolation_level="REPEATABLE READ")
with engine.begin() as conn:
    conn.execute(text("drop table if exists seats"))
    conn.execute(text("create table seats (id int primary key, free int)"))
    conn.execute(text("insert into seats values (1, 10)"))


def book(attempt):  # one unit of work, from its first read to its commit
    with repeatable.begin() as conn:
        free = conn.scalar(text("select free from seats where id = 1"))  # (1)!
        if attempt == 1:
            with engine.begin() as other:  # another request books a seat meanwhile
                other.execute(text("update seats set free = free - 1 where id = 1"))
        conn.execute(text("update seats set free = :free where id = 1"), {"free": free - 1})  # (2)!


for attempt in (1, 2, 3):  # (3)!
    try:
        book(attempt)
    except exc.OperationalError as error:
        if getattr(error.orig, "sqlstate", None) != "40001":
            raise
        print(attempt, error.orig.sqlstate, error.orig.diag.message_primary)
        #> 1 40001 could not serialize access due to concurrent update
        continue
    print(attempt, "committed")
    #> 2 committed
    break
with engine.connect() as conn:
    print("free:", conn.scalar(text("select free from seats")))  # (4)!
    #> free: 8
engine.dispose()
