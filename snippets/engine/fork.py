import multiprocessing
import os

from sqlalchemy import create_engine, event, text

engine = create_engine("sqlite:///app.db")


@event.listens_for(engine, "connect")
def remember_pid(dbapi_conn, record):
    record.info["pid"] = os.getpid()  # (1)!


with engine.connect() as conn:  # (2)!
    conn.execute(text("select 1"))
parent = os.getpid()


def child(dispose, pipe):
    if dispose:
        engine.dispose(close=False)  # (3)!
    with engine.connect() as conn:
        pipe.send(conn.connection.info["pid"] == parent)


ctx = multiprocessing.get_context("fork")  # (4)!
for dispose in [False, True]:
    receiver, sender = ctx.Pipe(duplex=False)
    process = ctx.Process(target=child, args=(dispose, sender))
    process.start()
    inherited = receiver.recv() if receiver.poll(10) else "no answer in 10 s"
    process.join(10)
    print(f"dispose(close=False) in child: {dispose!s:5} -> got the parent's connection: {inherited}")
    #> dispose(close=False) in child: False -> got the parent's connection: True
    #> dispose(close=False) in child: True  -> got the parent's connection: False

with engine.connect() as conn:
    print("parent still works:", conn.scalar(text("select 'ok'")))
    #> parent still works: ok
engine.dispose()
