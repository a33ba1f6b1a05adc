# needs: sqlite+pysqlite (runs in a browser)
import time

from sqlalchemy import create_engine, text

engine = create_engine("sqlite:///idle.db")  # (1)!
with engine.connect() as conn:
    conn.execute(text("select 1"))
time.sleep(1.5)
with engine.connect() as conn:
    print("after 1.5 s idle:", conn.scalar(text("select 'ok'")))
    #> after 1.5 s idle: ok
engine.dispose()
