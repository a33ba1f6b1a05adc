# needs: postgresql+psycopg
import os
import time

from sqlalchemy import create_engine, exc, text

url = os.environ["DATABASE_URL"]
engine = create_engine(url, connect_args={"options": "-c idle_session_timeout=1000"})  # (1)!
with engine.connect() as conn:
    print(conn.execute(text("select setting, boot_val from pg_settings where name = 'idle_session_timeout'")).one())
    #> ('1000', '0')
time.sleep(2.5)
try:
    with engine.connect() as conn:
        conn.scalar(text("select 'ok'"))
except exc.OperationalError as error:
    print(type(error.orig).__name__, error.orig.sqlstate, "|", error.orig)  # (2)!
    #> IdleSessionTimeout 57P05 | terminating connection due to idle-session timeout
    print("connection_invalidated:", error.connection_invalidated)
    #> connection_invalidated: True
engine.dispose()
