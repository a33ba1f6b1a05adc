# needs: sqlite+pysqlite
from typing import Annotated

from fastapi import BackgroundTasks, Depends, FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    welcomed: Mapped[bool] = mapped_column(default=False)


engine = create_engine("sqlite:///timing.db")
Base.metadata.drop_all(engine)
Base.metadata.create_all(engine)
SessionFactory = sessionmaker(engine)
log = []


def get_session():
    with SessionFactory() as session:
        yield session
    log.append("closed")  # (1)!


class LogResponseSent:  # (2)!
    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        async def send_and_log(message):
            await send(message)
            if message["type"] == "http.response.body" and not message.get("more_body"):
                log.append("sent")

        await self.app(scope, receive, send_and_log)


app = FastAPI()
app.add_middleware(LogResponseSent)


@app.get("/default")
def default(tasks: BackgroundTasks, session: Annotated[Session, Depends(get_session)]):
    tasks.add_task(log.append, "task")
    log.append("returned")


@app.get("/function")
def function(tasks: BackgroundTasks, session: Annotated[Session, Depends(get_session, scope="function")]):
    tasks.add_task(log.append, "task")
    log.append("returned")


def welcome(user_id):
    with SessionFactory.begin() as session:  # (4)!
        session.get(User, user_id).welcomed = True


def create_user(tasks, session):
    user = User()
    session.add(user)
    session.commit()  # (5)!
    tasks.add_task(welcome, user.id)
    return {"id": user.id}


@app.post("/users/default")
def create_default(tasks: BackgroundTasks, session: Annotated[Session, Depends(get_session)]):
    return create_user(tasks, session)


@app.post("/users/function")
def create_function(tasks: BackgroundTasks, session: Annotated[Session, Depends(get_session, scope="function")]):
    return create_user(tasks, session)


with TestClient(app) as client:
    for path in ("/default", "/function"):
        log.clear()
        client.get(path)
        print(path, " > ".join(log))  # (3)!
        #> /default returned > sent > task > closed
        #> /function returned > closed > sent > task
    for path in ("/users/default", "/users/function"):
        responses = [client.post(path) for _ in range(20)]
        ids = [response.json()["id"] for response in responses if response.status_code == 200]
        with SessionFactory() as session:
            welcomed = session.scalar(select(func.count()).where(User.id.in_(ids), User.welcomed))
        print(f"{path}: {len(responses)} requests, failures: {len(responses) - welcomed}")  # (6)!
        #> /users/default: 20 requests, failures: 0
        #> /users/function: 20 requests, failures: 0
engine.dispose()
