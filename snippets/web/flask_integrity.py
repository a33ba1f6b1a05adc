# needs: sqlite+pysqlite
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

from flask import Flask
from sqlalchemy import create_engine, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, scoped_session, sessionmaker


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(unique=True)


engine = create_engine("sqlite:///integrity.db")
Base.metadata.drop_all(engine)  # start empty, however often the file runs
Base.metadata.create_all(engine)
SessionFactory = sessionmaker(engine)
ScopedSession = scoped_session(SessionFactory)
app = Flask(__name__)


@app.teardown_appcontext
def remove_session(exc):
    ScopedSession.remove()


@app.post("/users/<name>")
def create_user(name):
    ScopedSession.add(User(name=name))
    try:
        ScopedSession.commit()  # (1)!
    except IntegrityError:
        ScopedSession.rollback()  # (2)!
        return {"error": f"{name} already exists"}, 409  # (3)!
    return {"created": name}, 201


client = app.test_client()
for name in ("kim", "kim", "lee"):
    response = client.post(f"/users/{name}")
    print(response.status_code, response.json)  # (4)!
    #> 201 {'created': 'kim'}
    #> 409 {'error': 'kim already exists'}
    #> 201 {'created': 'lee'}
print(ScopedSession.scalars(select(User.name).order_by(User.id)).all())
#> ['kim', 'lee']
ScopedSession.remove()


def five_requests(thread_number):
    client = app.test_client()
    statuses = [client.post(f"/users/name-{i}").status_code for i in range(5)]  # (5)!
    return statuses, ScopedSession.registry.has()


with ThreadPoolExecutor(max_workers=4) as workers:
    results = list(workers.map(five_requests, range(4)))
statuses = Counter(status for thread_statuses, _ in results for status in thread_statuses)
failures = sum(n for status, n in statuses.items() if status not in (201, 409))
failures += sum(left_over for _, left_over in results)
print(sorted(statuses.items()))  # (6)!
#> [(201, 5), (409, 15)]
print(f"4 threads: {statuses.total()} requests, failures: {failures}")
#> 4 threads: 20 requests, failures: 0
engine.dispose()
