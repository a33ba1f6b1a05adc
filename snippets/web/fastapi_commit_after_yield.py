# needs: sqlite+pysqlite
from typing import Annotated

from fastapi import Depends, FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(unique=True)


engine = create_engine("sqlite:///web.db")
Base.metadata.drop_all(engine)  # start empty, however often the file runs
Base.metadata.create_all(engine)
SessionFactory = sessionmaker(engine)
failed = []


def get_session():
    with SessionFactory() as session:
        yield session
        try:
            session.commit()  # (1)!
        except IntegrityError as exc:
            failed.append(type(exc).__name__)
            raise


RequestScoped = Annotated[Session, Depends(get_session)]
FunctionScoped = Annotated[Session, Depends(get_session, scope="function")]
app = FastAPI()


@app.post("/request-scope/{name}")
def request_scope(name: str, session: RequestScoped):
    session.add(User(name=name))
    return {"ok": True}


@app.post("/function-scope/{name}")
def function_scope(name: str, session: FunctionScoped):
    session.add(User(name=name))
    return {"ok": True}


with TestClient(app, raise_server_exceptions=False) as client:  # (2)!
    for path in ("/request-scope/kim", "/request-scope/kim", "/function-scope/kim"):
        response = client.post(path)
        print(path, response.status_code, response.text, "failed commits:", len(failed))  # (3)!
        #> /request-scope/kim 200 {"ok":true} failed commits: 0
        #> /request-scope/kim 200 {"ok":true} failed commits: 1
        #> /function-scope/kim 500 Internal Server Error failed commits: 2
    for scope in ("request-scope", "function-scope"):
        failures = 0
        for i in range(20):
            with SessionFactory() as session:
                before = session.scalar(select(func.count()).select_from(User))
            response = client.post(f"/{scope}/{scope}-{i // 2}")  # every name twice
            with SessionFactory() as session:
                saved = session.scalar(select(func.count()).select_from(User)) > before
            failures += (response.status_code == 200) != saved  # (4)!
        print(f"{scope}: 20 requests, failures: {failures}")
        #> request-scope: 20 requests, failures: 10
        #> function-scope: 20 requests, failures: 0

engine.dispose()
