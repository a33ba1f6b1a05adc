# needs: sqlite+pysqlite
from concurrent.futures import ThreadPoolExecutor

from flask import Flask
from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, scoped_session, sessionmaker


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    welcomed: Mapped[bool] = mapped_column(default=False)


engine = create_engine("sqlite:///worker.db")
Base.metadata.drop_all(engine)  # start empty, however often the file runs
Base.metadata.create_all(engine)
SessionFactory = sessionmaker(engine)
ScopedSession = scoped_session(SessionFactory)  # for requests only
workers = ThreadPoolExecutor(max_workers=4)  # worker threads, not Celery's processes
app = Flask(__name__)
request_sessions, task_sessions = [], []


@app.teardown_appcontext
def remove_session(exc):
    ScopedSession.remove()


def send_welcome(user_id):  # (1)!
    with SessionFactory() as session:  # (2)!
        task_sessions.append(session)
        user = session.get(User, user_id)
        user.welcomed = True
        session.commit()


@app.post("/users/<name>")
def create_user(name):
    user = User(name=name)
    ScopedSession.add(user)
    ScopedSession.commit()
    request_sessions.append(ScopedSession())
    workers.submit(send_welcome, user.id)  # (3)!
    return "created", 201


client = app.test_client()
for i in range(20):
    client.post(f"/users/user-{i}")
workers.shutdown(wait=True)  # (4)!
print(any(s is r for s in task_sessions for r in request_sessions))  # (5)!
#> False
with SessionFactory() as session:
    failures = session.scalar(select(func.count()).where(User.welcomed.is_(False)))
print(f"4 worker threads: {len(task_sessions)} tasks, failures: {failures}")
#> 4 worker threads: 20 tasks, failures: 0
engine.dispose()
