# needs: sqlite+pysqlite
from flask import Flask, stream_with_context
from sqlalchemy import create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, scoped_session, sessionmaker


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]


engine = create_engine("sqlite:///stream.db")
Base.metadata.drop_all(engine)  # start empty, however often the file runs
Base.metadata.create_all(engine)
with sessionmaker(engine).begin() as session:
    session.add_all([User(name="kim"), User(name="lee")])
ScopedSession = scoped_session(sessionmaker(engine))
app = Flask(__name__)
events = []


@app.teardown_appcontext
def remove_session(exc):
    events.append("teardown")
    ScopedSession.remove()


def names():
    events.append("body")
    for name in ScopedSession.scalars(select(User.name).order_by(User.id)):  # (1)!
        yield f"{name}\n"


@app.get("/streamed")
def streamed():
    return names()  # (2)!


@app.get("/with-context")
def with_context():
    return stream_with_context(names())  # (3)!


client = app.test_client()
for path in ("/streamed", "/with-context"):
    failures = 0
    for _ in range(20):
        events.clear()
        with client.get(path) as response:
            failures += response.get_data(as_text=True) != "kim\nlee\n"
        failures += ScopedSession.registry.has() or engine.pool.checkedout() > 0  # (4)!
        ScopedSession.remove()  # clean up after the broken variant
    print(path, events, f"20 requests, failures: {failures}")  # (5)!
    #> /streamed ['teardown', 'body'] 20 requests, failures: 20
    #> /with-context ['teardown', 'body', 'teardown'] 20 requests, failures: 0
engine.dispose()
