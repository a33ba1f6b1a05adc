# needs: sqlite+pysqlite
from typing import Annotated

from fastapi import BackgroundTasks, Depends, FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import create_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker
from sqlalchemy.orm.exc import DetachedInstanceError


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]


engine = create_engine("sqlite:///web.db")
Base.metadata.drop_all(engine)  # start empty, however often the file runs
Base.metadata.create_all(engine)
SessionFactory = sessionmaker(engine)
log = []


def get_session():
    with SessionFactory() as session:
        yield session
    log.append("closed")


RequestScoped = Annotated[Session, Depends(get_session)]  # (1)!
FunctionScoped = Annotated[Session, Depends(get_session, scope="function")]  # (2)!


def welcome(user):
    try:
        log.append(f"task: {user.name}")
    except DetachedInstanceError as exc:
        log.append(f"task: {type(exc).__name__}")


def welcome_by_id(user_id):
    with SessionFactory() as session:  # (3)!
        log.append(f"task: {session.get(User, user_id).name}")


app = FastAPI()


class LogResponseSent:  # (4)!
    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        async def send_and_log(message):
            await send(message)
            if message["type"] == "http.response.body" and not message.get("more_body"):
                log.append("sent")

        await self.app(scope, receive, send_and_log)


app.add_middleware(LogResponseSent)


def create(name, session, tasks, task):
    user = User(name=name)
    session.add(user)
    session.commit()
    tasks.add_task(task, user if task is welcome else user.id)  # (5)!
    log.append("returned")
    return {"name": name}


@app.post("/request-scope")
def request_scope(name: str, tasks: BackgroundTasks, session: RequestScoped):
    return create(name, session, tasks, welcome)


@app.post("/function-scope")
def function_scope(name: str, tasks: BackgroundTasks, session: FunctionScoped):
    return create(name, session, tasks, welcome)


@app.post("/fixed")
def fixed(name: str, tasks: BackgroundTasks, session: FunctionScoped):
    return create(name, session, tasks, welcome_by_id)


with TestClient(app) as client:
    for path in ("/request-scope", "/function-scope", "/fixed"):
        log.clear()
        client.post(path, params={"name": "kim"})
        print(path, " > ".join(log))  # (6)!
        #> /request-scope returned > sent > task: kim > closed
        #> /function-scope returned > closed > sent > task: DetachedInstanceError
        #> /fixed returned > closed > sent > task: kim
    failures = 0
    for i in range(20):
        log.clear()
        client.post("/fixed", params={"name": f"user-{i}"})
        failures += log != ["returned", "closed", "sent", f"task: user-{i}"]
    print(f"/fixed: 20 requests, failures: {failures}")  # (7)!
    #> /fixed: 20 requests, failures: 0

engine.dispose()
