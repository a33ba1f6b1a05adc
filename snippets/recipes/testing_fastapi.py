# needs: postgresql+psycopg
import os
import re
import subprocess
import sys
from pathlib import Path

from sqlalchemy import create_engine, text

APP = """\
import os
from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException
from sqlalchemy import String, create_engine, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50), unique=True)


engine = create_engine(os.environ["DATABASE_URL"])
SessionFactory = sessionmaker(engine)


def get_session():
    with SessionFactory() as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session)]
app = FastAPI()


@app.post("/users/{name}", status_code=201)
def create_user(name: str, session: SessionDep):
    user = User(name=name)
    session.add(user)
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        raise HTTPException(409, "name taken")
    return {"id": user.id}


@app.get("/users")
def list_users(session: SessionDep):
    return session.scalars(select(User.name).order_by(User.name)).all()
"""

CONFTEST = """\
import pytest
from fastapi.testclient import TestClient

from shop_api import Base, SessionFactory, app, engine, get_session


@pytest.fixture(scope="session")
def schema():
    Base.metadata.drop_all(engine)
    Base.metadata.create_all(engine)
    yield
    engine.dispose()


@pytest.fixture
def db_session(schema):
    with engine.connect() as connection:
        outer = connection.begin()
        # the application's own factory, so the test's session has the same options
        session = SessionFactory(bind=connection, join_transaction_mode="create_savepoint")
        yield session
        session.close()
        outer.rollback()


@pytest.fixture
def client(db_session):
    app.dependency_overrides[get_session] = lambda: db_session  # every request gets it
    with TestClient(app) as client:
        yield client
    app.dependency_overrides.clear()
"""

TESTS = """\
import pytest
from sqlalchemy import select

from shop_api import User


@pytest.mark.parametrize("n", range(8))
def test_create(client, db_session, n):
    assert client.get("/users").json() == []  # no row of an earlier test
    assert client.post("/users/kim").status_code == 201  # the endpoint commits
    assert client.get("/users").json() == ["kim"]
    assert db_session.scalars(select(User.name)).all() == ["kim"]  # the test sees it too


@pytest.mark.parametrize("n", range(8))
def test_duplicate(client, n):
    assert client.get("/users").json() == []
    assert client.post("/users/kim").status_code == 201
    assert client.post("/users/kim").status_code == 409  # IntegrityError, rolled back
    assert client.get("/users").json() == ["kim"]


@pytest.mark.parametrize("n", range(8))
def test_setup_data(client, db_session, n):
    db_session.add(User(name="lee"))  # data the test prepares, committed as the app would
    db_session.commit()
    assert client.get("/users").json() == ["lee"]
"""

Path("shop_api.py").write_text(APP)
Path("conftest.py").write_text(CONFTEST)
Path("test_shop_api.py").write_text(TESTS)
Path("pytest.ini").write_text("[pytest]\n")  # this folder is pytest's root
env = {k: v for k, v in os.environ.items() if k != "PYTEST_ADDOPTS"}
env |= {"PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1", "PYTHONDONTWRITEBYTECODE": "1"}
run = subprocess.run(
    [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_shop_api.py"],
    env=env, capture_output=True, text=True, check=False,
)
summary = re.sub(r" in [\d.]+s.*", "", run.stdout.strip().splitlines()[-1])
counts = {word: int(number) for number, word in re.findall(r"(\d+) (passed|failed|error)", summary)}

engine = create_engine(os.environ["DATABASE_URL"])
with engine.connect() as conn:
    left = conn.scalar(text("SELECT count(*) FROM users"))
    next_id = conn.scalar(text("INSERT INTO users (name) VALUES ('after') RETURNING id"))
    conn.rollback()
print(f"{summary}, rows left: {left}")
#> 24 passed, rows left: 0
tests = sum(counts.values())
print(f"TestClient: {tests} tests, failures: {tests - counts.get('passed', 0)}")
#> TestClient: 24 tests, failures: 0
print(f"next id: {next_id}")  # (1)!
#> next id: 33
engine.dispose()
