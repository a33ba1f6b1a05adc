from typing import Annotated

from fastapi import BackgroundTasks, Depends, FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import create_engine
from sqlalchemy.orm.exc import DetachedInstanceError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]


engine = create_engine("sqlite:///web.db")
Base.metadata.drop_all(engine)  # start empty, however often the file runs
Base.metadata.create_all(engine)
SessionLocal = sessionmaker(engine)
log = []


def get_session():
    with SessionLocal() as session:
        yield session
    log.append("closed")


RequestScoped = Annotated[Session, Depends(get_session)]  # (1)!
FunctionScoped = Annotated[Session, Depends(get_session, scope="function")]  # (2)!


def welcome(user):
    try:
        log.append(f"task: {user.name}")
    except DetachedInstanceError as exc:
        log.append(f"task: {type(exc).__name__} ({exc.code})")


def welcome_by_id(user_id):
    with SessionLocal() as session:  # (3)!
        log.append(f"task: {session.get(User, user_id).name}")


app = FastAPI()


def create(name, session, tasks, task):
    user = User(name=name)
    session.add(user)
    session.commit()
    tasks.add_task(task, user if task is welcome else user.id)  # (4)!
    log.append("response")
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
        print(path, log)  # (5)!
        #> /request-scope ['response', 'task: kim', 'closed']
        #> /function-scope ['response', 'closed', 'task: DetachedInstanceError (bhk3)']
        #> /fixed ['response', 'closed', 'task: kim']

engine.dispose()
