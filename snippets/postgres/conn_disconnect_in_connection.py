# needs: postgresql+psycopg
import os

from sqlalchemy import create_engine, exc, text

url = os.environ["DATABASE_URL"]
admin = create_engine(url)
engine = create_engine(url, pool_pre_ping=True)

with engine.connect() as conn:
    backend = conn.scalar(text("select pg_backend_pid()"))  # autobegin: a transaction is open
    with admin.connect() as other:
        other.scalar(text("select pg_terminate_backend(:pid, 5000)"), {"pid": backend})
    try:
        conn.execute(text("select 1"))
    except exc.OperationalError as error:
        print(type(error.orig).__name__, error.connection_invalidated)
        #> AdminShutdown True
    print("invalidated:", conn.invalidated, "in transaction:", conn.in_transaction())  # (1)!
    #> invalidated: True in transaction: True
    try:
        conn.execute(text("select 1"))  # (2)!
    except exc.PendingRollbackError as error:
        print(str(error).split(" (Background")[0])
        '''
        Can't reconnect until invalid transaction is rolled back.  Please rollback() fully before proceeding
        '''
    conn.rollback()  # (3)!
    print("after rollback:", conn.scalar(text("select 'ok'")))
    #> after rollback: ok
engine.dispose()
admin.dispose()
