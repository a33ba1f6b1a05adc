# needs: postgresql+psycopg
import os

import psycopg
from sqlalchemy import create_engine, make_url, text

url = os.environ["DATABASE_URL"]
engine = create_engine(url)
conninfo = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)

with psycopg.connect(conninfo, autocommit=True) as listener:  # (1)!
    listener.execute("listen jobs")

    def received(timeout=0.3):
        return [n.payload for n in listener.notifies(timeout=timeout, stop_after=1)]  # (2)!

    with engine.connect() as conn:
        conn.execute(text("select pg_notify('jobs', 'invoice 1')"))
        print("before commit:", received())  # (3)!
        #> before commit: []
        conn.commit()
    print("after commit:", received())
    #> after commit: ['invoice 1']

    with engine.connect() as conn:
        conn.execute(text("select pg_notify('jobs', 'invoice 2')"))
        conn.rollback()
    print("after rollback:", received())
    #> after rollback: []

    delivered = []
    for number in range(20):  # (4)!
        with engine.begin() as conn:
            conn.execute(text("select pg_notify('jobs', :payload)"), {"payload": f"job {number}"})
        delivered += received(timeout=2)
    print(f"{len(delivered)} notifications, failures: {20 - len(delivered)}")
    #> 20 notifications, failures: 0
engine.dispose()
