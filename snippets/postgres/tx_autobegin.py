# needs: postgresql+psycopg, sqlite+pysqlite
import os

from sqlalchemy import create_engine, select, text
from sqlalchemy.orm import Session

engine = create_engine(os.environ["DATABASE_URL"])
watcher = engine.execution_options(isolation_level="AUTOCOMMIT")  # (1)!


def server_state(pid):  # what the server reports for that connection
    with watcher.connect() as conn:
        sql = text("SELECT state FROM pg_stat_activity WHERE pid = :pid")
        return conn.scalar(sql, {"pid": pid})


with Session(engine) as session:
    psycopg_conn = session.connection().connection.dbapi_connection  # (2)!
    pid = psycopg_conn.info.backend_pid
    print("no SQL yet:", psycopg_conn.info.transaction_status.name, server_state(pid))
    #> no SQL yet: IDLE idle
    session.execute(select(1))  # (3)!
    print("after SELECT:", psycopg_conn.info.transaction_status.name, server_state(pid))
    #> after SELECT: INTRANS idle in transaction
    session.commit()
    print("after commit:", psycopg_conn.info.transaction_status.name, server_state(pid))
    #> after commit: IDLE idle
engine.dispose()

sqlite = create_engine("sqlite://")
with Session(sqlite) as session:
    session.execute(select(1))
    sqlite3_conn = session.connection().connection.dbapi_connection
    print("sqlite3 after SELECT: in_transaction =", sqlite3_conn.in_transaction)  # (4)!
    #> sqlite3 after SELECT: in_transaction = False
sqlite.dispose()
