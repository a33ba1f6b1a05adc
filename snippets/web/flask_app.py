# needs: sqlite+pysqlite
from concurrent.futures import ThreadPoolExecutor

# --8<-- [start:app]
from flask import Flask
from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    mapped_column,
    scoped_session,
    sessionmaker,
)


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]


engine = create_engine("sqlite:///flask_app.db")
Base.metadata.drop_all(engine)  # start empty, however often the file runs
Base.metadata.create_all(engine)
ScopedSession = scoped_session(sessionmaker(engine))  # (1)!
app = Flask(__name__)
seen = []  # what each request saw, for the checks below


@app.teardown_appcontext
def remove_session(exc):
    ScopedSession.remove()  # (2)!


@app.post("/users/<name>")
def create_user(name):
    ScopedSession.add(User(name=name))
    ScopedSession.commit()  # (3)!
    seen.append((ScopedSession(), ScopedSession.identity_map))
    return "created"


@app.post("/broken/<name>")
def broken(name):
    ScopedSession.add(User(name=name))
    ScopedSession.flush()  # the INSERT has been sent
    seen.append(ScopedSession.scalar(select(func.count(User.id))))
    raise RuntimeError("boom")  # (4)!


@app.errorhandler(RuntimeError)
def failed(exc):
    return "failed", 500
# --8<-- [end:app]


# --8<-- [start:requests]
client = app.test_client()
client.post("/users/kim")
client.post("/users/lee")
(first, first_map), (second, second_map) = seen
print(first is second, first_map is second_map)  # (1)!
#> False False
print(ScopedSession.registry.has())  # (2)!
#> False
# --8<-- [end:requests]

# --8<-- [start:failure]
response = client.post("/broken/park")
print(response.status_code, seen[-1])  # (1)!
#> 500 3
print(ScopedSession.scalars(select(User.name).order_by(User.id)).all())  # (2)!
#> ['kim', 'lee']
# --8<-- [end:failure]

# --8<-- [start:threads]
def five_requests(thread_number):
    client = app.test_client()  # (1)!
    statuses = [client.post(f"/users/t{thread_number}-{i}").status_code for i in range(5)]
    return statuses, ScopedSession.registry.has()  # (2)!


ScopedSession.remove()  # the check above used a session on this thread
seen.clear()
with ThreadPoolExecutor(max_workers=4) as workers:
    results = list(workers.map(five_requests, range(4)))
failures = sum(status != 200 for statuses, _ in results for status in statuses)
failures += sum(left_over for _, left_over in results)
print(len({id(session) for session, _ in seen}), engine.pool.checkedout())  # (3)!
#> 20 0
print(f"4 threads: {len(seen)} requests, failures: {failures}")
#> 4 threads: 20 requests, failures: 0
# --8<-- [end:threads]

ScopedSession.remove()
engine.dispose()
