# needs: sqlite+pysqlite (runs in a browser)
import time

from sqlalchemy import create_engine, event, text

engine = create_engine("sqlite:///app.db", pool_recycle=1)  # (1)!
events = []
event.listen(engine, "connect", lambda dbapi_conn, record: events.append("connect"))
event.listen(engine, "close", lambda dbapi_conn, record: events.append("close"))

for pause in (0, 0, 1.2, 0):
    time.sleep(pause)  # (2)!
    with engine.connect() as conn:
        conn.execute(text("select 1"))
    print(f"after idling {pause}s:", events)
    #> after idling 0s: ['connect']
    #> after idling 0s: ['connect']
    #> after idling 1.2s: ['connect', 'close', 'connect']
    #> after idling 0s: ['connect', 'close', 'connect']
engine.dispose()
