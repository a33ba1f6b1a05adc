# needs: postgresql+psycopg
import os
import time

from sqlalchemy import create_engine, exc, text
from sqlalchemy.orm import Session

url = os.environ["DATABASE_URL"]
guards = "-c statement_timeout=1000 -c idle_in_transaction_session_timeout=1000 -c lock_timeout=500"
engine = create_engine(url, connect_args={"application_name": "guarded-app", "options": guards})  # (1)!
observer = create_engine(url)

with engine.connect() as conn:
    for name in ("statement_timeout", "idle_in_transaction_session_timeout", "lock_timeout"):
        print(name, conn.scalar(text(f"show {name}")))
        #> statement_timeout 1s
        #> idle_in_transaction_session_timeout 1s
        #> lock_timeout 500ms
    try:
        conn.execute(text("select pg_sleep(5)"))  # (2)!
    except exc.OperationalError as error:
        print(type(error.orig).__name__, "|", error.orig, "|", error.connection_invalidated)
        #> QueryCanceled | canceling statement due to statement timeout | False
    try:
        conn.execute(text("select 'after the cancel'"))
    except exc.DBAPIError as error:  # the transaction is aborted, not the connection
        print(type(error).__name__, type(error.orig).__name__, error.orig.sqlstate)
        #> InternalError InFailedSqlTransaction 25P02
    conn.rollback()
    print(conn.scalar(text("select 'after rollback'")))
    #> after rollback


def still_connected():
    with observer.connect() as conn:
        return conn.scalar(text(
            "select count(*) from pg_stat_activity"
            " where datname = current_database() and application_name = 'guarded-app'"
        ))


leaked = Session(engine)
leaked.execute(text("select 1"))  # a transaction is open, then nothing happens
deadline = time.monotonic() + 10
while still_connected() and time.monotonic() < deadline:  # (3)!
    time.sleep(0.1)
print("server ended the idle transaction:", still_connected() == 0)
#> server ended the idle transaction: True
try:
    leaked.commit()  # (4)!
except exc.DBAPIError as error:
    print(type(error).__name__, type(error.orig).__name__, error.connection_invalidated)
    #> InternalError IdleInTransactionSessionTimeout True
    print(error.orig)
    #> terminating connection due to idle-in-transaction timeout
leaked.close()
engine.dispose()
observer.dispose()
