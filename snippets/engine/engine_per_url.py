# needs: sqlite+pysqlite (runs in a browser)
from sqlalchemy import create_engine, event, text

opened = []


def make_engine():
    engine = create_engine("sqlite:///app.db")
    event.listen(engine, "connect", lambda dbapi_conn, record: opened.append(dbapi_conn))
    return engine


def handle_request_wrong():
    engine = make_engine()  # (1)!
    with engine.connect() as conn:
        return conn.scalar(text("select 1"))


for _ in range(3):
    handle_request_wrong()
print("an engine per request opened:", len(opened))
#> an engine per request opened: 3

opened.clear()
engine = make_engine()  # (2)!


def handle_request():
    with engine.connect() as conn:
        return conn.scalar(text("select 1"))


for _ in range(3):
    handle_request()
print("one shared engine opened:", len(opened))
#> one shared engine opened: 1
engine.dispose()
