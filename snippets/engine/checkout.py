# needs: sqlite+pysqlite (runs in a browser)
from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session

engine = create_engine("sqlite:///app.db")
pool = engine.pool


def show(step):
    print(f"{step:24} checked out={pool.checkedout()} idle={pool.checkedin()}")
    #> engine.connect()         checked out=1 idle=0
    #> conn.commit()            checked out=1 idle=0
    #> conn.close()             checked out=0 idle=1
    #> inside engine.begin()    checked out=1 idle=0
    #> after the with block     checked out=0 idle=1
    #> Session(engine)          checked out=0 idle=1
    #> session.execute()        checked out=1 idle=0
    #> session.commit()         checked out=0 idle=1
    #> session.execute() again  checked out=1 idle=0
    #> session.close()          checked out=0 idle=1


conn = engine.connect()  # (1)!
show("engine.connect()")
conn.execute(text("select 1"))
conn.commit()  # (2)!
show("conn.commit()")
conn.close()
show("conn.close()")

with engine.begin() as conn:
    show("inside engine.begin()")
show("after the with block")

session = Session(engine)
show("Session(engine)")  # (3)!
session.execute(text("select 1"))
show("session.execute()")
session.commit()  # (4)!
show("session.commit()")
session.execute(text("select 1"))
show("session.execute() again")
session.close()
show("session.close()")

with engine.connect() as conn:
    conn.execution_options(isolation_level="READ UNCOMMITTED")  # (5)!
    print("isolation level set:", conn.get_isolation_level())
    #> isolation level set: READ UNCOMMITTED
    first = conn.connection.dbapi_connection
with engine.connect() as conn:
    same = conn.connection.dbapi_connection is first
    print("same connection:", same, "| isolation level:", conn.get_isolation_level())
    #> same connection: True | isolation level: SERIALIZABLE
engine.dispose()
