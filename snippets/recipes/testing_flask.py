# needs: postgresql+psycopg
import os
import re
import subprocess
import sys
from pathlib import Path

from sqlalchemy import create_engine, text

APP = """\
import os

from flask import Flask, abort
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import String, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, mapped_column

db = SQLAlchemy()


class User(db.Model):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50), unique=True)


def create_app():
    app = Flask(__name__)
    app.config["SQLALCHEMY_DATABASE_URI"] = os.environ["DATABASE_URL"]
    db.init_app(app)

    @app.post("/users/<name>")
    def create_user(name):
        user = User(name=name)
        db.session.add(user)
        try:
            db.session.commit()
        except IntegrityError:
            db.session.rollback()
            abort(409)
        return {"id": user.id}, 201

    @app.get("/users")
    def list_users():
        return db.session.scalars(select(User.name).order_by(User.name)).all()

    return app
"""

CONFTEST = """\
import pytest

from shop_flask import create_app, db


@pytest.fixture(scope="session")
def app():
    app = create_app()
    with app.app_context():
        db.drop_all()
        db.create_all()
        db.session.configure(join_transaction_mode="create_savepoint")
        engines = db.engines
    yield app
    engines[None].dispose()


@pytest.fixture
def connection(app, monkeypatch):
    with app.app_context():
        engines = db.engines  # the mapping db.session's get_bind() reads
    with engines[None].connect() as connection:
        outer = connection.begin()
        monkeypatch.setitem(engines, None, connection)  # every db.session now uses it
        yield connection
        outer.rollback()


@pytest.fixture
def client(app, connection):
    return app.test_client()
"""

TESTS = """\
import pytest
from sqlalchemy import select

from shop_flask import User, db


@pytest.mark.parametrize("n", range(8))
def test_create(app, client, n):
    assert client.get("/users").json == []  # no row of an earlier test
    assert client.post("/users/kim").status_code == 201  # the view commits
    assert client.get("/users").json == ["kim"]
    with app.app_context():  # a model check in a context of its own
        assert db.session.scalars(select(User.name)).all() == ["kim"]


@pytest.mark.parametrize("n", range(8))
def test_duplicate(client, n):
    assert client.get("/users").json == []
    assert client.post("/users/kim").status_code == 201
    assert client.post("/users/kim").status_code == 409  # IntegrityError, rolled back
    assert client.get("/users").json == ["kim"]


@pytest.mark.parametrize("n", range(8))
def test_setup_data(app, client, n):
    with app.app_context():  # setup in a context, requests outside it
        db.session.add(User(name="lee"))
        db.session.commit()
    assert client.get("/users").json == ["lee"]
"""

Path("shop_flask.py").write_text(APP)
Path("conftest.py").write_text(CONFTEST)
Path("test_shop_flask.py").write_text(TESTS)
Path("pytest.ini").write_text("[pytest]\n")  # this folder is pytest's root
env = {k: v for k, v in os.environ.items() if k != "PYTEST_ADDOPTS"}
env |= {"PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1", "PYTHONDONTWRITEBYTECODE": "1"}
run = subprocess.run(
    [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_shop_flask.py"],
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
print(f"Flask test client: {tests} tests, failures: {tests - counts.get('passed', 0)}")
#> Flask test client: 24 tests, failures: 0
print(f"next id: {next_id}")  # (1)!
#> next id: 33
engine.dispose()
