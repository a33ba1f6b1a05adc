# needs: sqlite+pysqlite
from typing import Annotated

from fastapi import Depends, FastAPI
from fastapi.exceptions import ResponseValidationError
from fastapi.testclient import TestClient
from pydantic import BaseModel, ConfigDict
from sqlalchemy import create_engine, event
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]


class UserOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)  # (1)!
    id: int
    name: str


engine = create_engine("sqlite:///web.db")
Base.metadata.drop_all(engine)  # start empty, however often the file runs
Base.metadata.create_all(engine)
SessionFactory = sessionmaker(engine)  # expire_on_commit=True, the default
statements = []


@event.listens_for(engine, "before_cursor_execute")
def record(conn, cursor, statement, *args):
    statements.append(statement.split()[0])


def get_session():
    with SessionFactory() as session:
        yield session
    statements.append("closed")


app = FastAPI()


@app.post("/closed-early", response_model=UserOut)
def closed_early(name: str):
    with SessionFactory() as session:
        user = User(name=name)
        session.add(user)
        session.commit()  # (2)!
    return user  # (3)!


@app.post("/dependency", response_model=UserOut)
def with_dependency(name: str, session: Annotated[Session, Depends(get_session)]):
    user = User(name=name)
    session.add(user)
    session.commit()
    statements.clear()  # keep only what runs after the commit
    return user  # (4)!


@app.post("/function-scope", response_model=UserOut)
def function_scope(name: str, session: Annotated[Session, Depends(get_session, scope="function")]):
    user = User(name=name)
    session.add(user)
    session.commit()
    statements.clear()
    return user


with TestClient(app) as client:
    try:
        client.post("/closed-early", params={"name": "kim"})
    except ResponseValidationError as exc:
        print([error["loc"] for error in exc.errors()])  # (5)!
        #> [('response', 'id'), ('response', 'name')]
        print(exc.errors()[0]["ctx"]["error"].split(":")[0])
        #> DetachedInstanceError
    print(client.post("/dependency", params={"name": "lee"}).json(), statements)  # (6)!
    #> {'id': 2, 'name': 'lee'} ['SELECT', 'closed']
    print(client.post("/function-scope", params={"name": "choi"}).json(), statements)  # (7)!
    #> {'id': 3, 'name': 'choi'} ['SELECT', 'closed']
    SessionFactory.configure(expire_on_commit=False)  # (8)!
    statements.clear()
    print(client.post("/closed-early", params={"name": "park"}).json(), statements)
    #> {'id': 4, 'name': 'park'} ['INSERT']
    for path in ("/closed-early", "/dependency"):
        failures = 0
        for i in range(20):
            response = client.post(path, params={"name": f"user-{i}"})
            failures += response.status_code != 200 or response.json()["name"] != f"user-{i}"
        print(f"{path}: 20 requests, failures: {failures}")  # (9)!
        #> /closed-early: 20 requests, failures: 0
        #> /dependency: 20 requests, failures: 0

engine.dispose()
