import os

from sqlalchemy import create_engine, exc, text
from sqlalchemy.orm import Session

url = os.environ["DATABASE_URL"]
admin = create_engine(url)
engine = create_engine(url)

with Session(engine) as session:
    backend = session.scalar(text("select pg_backend_pid()"))  # a transaction is open
    with admin.connect() as conn:  # (1)!
        conn.scalar(text("select pg_terminate_backend(:pid, 5000)"), {"pid": backend})
    try:
        session.execute(text("select 1"))
    except exc.OperationalError as error:
        print(type(error.orig).__name__, error.connection_invalidated)
        #> AdminShutdown True
    try:
        session.execute(text("select 1"))  # (2)!
    except exc.PendingRollbackError as error:
        print(str(error).split(" (Background")[0])
        '''
        Can't reconnect until invalid transaction is rolled back.  Please rollback() fully before proceeding
        '''
    session.rollback()  # (3)!
    print("after rollback:", session.scalar(text("select 'ok'")))
    #> after rollback: ok
engine.dispose()
admin.dispose()
