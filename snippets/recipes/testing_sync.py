# needs: postgresql+psycopg
import os
import re
import subprocess
import sys
from pathlib import Path

from sqlalchemy import create_engine, text

SHOP = """\
from sqlalchemy import String
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50), unique=True)


def register(session: Session, name: str) -> int | None:
    # the code under test: it commits, and rolls back a duplicate name
    user = User(name=name)
    session.add(user)
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        return None
    return user.id
"""

CONFTEST = """\
import os

import pytest
from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from shop import Base


@pytest.fixture(scope="session")
def engine():
    engine = create_engine(os.environ["DATABASE_URL"])
    Base.metadata.drop_all(engine)  # a fresh schema for each run of the suite
    Base.metadata.create_all(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def db_session(engine):
    with engine.connect() as connection:
        outer = connection.begin()  # the test's transaction: never committed
        session = Session(bind=connection, join_transaction_mode="create_savepoint")
        yield session
        session.close()
        outer.rollback()  # everything the test wrote, committed or not, is gone
"""

TESTS = """\
import pytest
from sqlalchemy import func, select

from shop import User, register


def names(session):
    return session.scalars(select(User.name).order_by(User.name)).all()


@pytest.mark.parametrize("n", range(8))
def test_commit(db_session, engine, n):
    assert names(db_session) == []  # no row of an earlier test
    assert register(db_session, "kim") is not None
    assert names(db_session) == ["kim"]
    with engine.connect() as other:  # another connection does not see it: nothing was committed
        assert other.scalar(select(func.count()).select_from(User)) == 0


@pytest.mark.parametrize("n", range(8))
def test_integrity_error(db_session, n):
    assert names(db_session) == []
    register(db_session, "kim")
    assert register(db_session, "kim") is None  # IntegrityError, then session.rollback()
    assert names(db_session) == ["kim"]  # the first commit survived the rollback


@pytest.mark.parametrize("n", range(8))
def test_rollback(db_session, n):
    assert names(db_session) == []
    db_session.add(User(name="kim"))
    db_session.flush()
    db_session.rollback()
    assert names(db_session) == []
    register(db_session, "lee")  # the session goes on after its rollback
    assert names(db_session) == ["lee"]
"""

Path("shop.py").write_text(SHOP)
Path("test_shop.py").write_text(TESTS)
Path("pytest.ini").write_text("[pytest]\n")  # this folder is pytest's root
env = {k: v for k, v in os.environ.items() if k != "PYTEST_ADDOPTS"}
env |= {"PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1", "PYTHONDONTWRITEBYTECODE": "1"}
engine = create_engine(os.environ["DATABASE_URL"])


def run_pytest():
    run = subprocess.run(  # (1)!
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_shop.py"],
        env=env, capture_output=True, text=True, check=False,
    )
    summary = re.sub(r" in [\d.]+s.*", "", run.stdout.strip().splitlines()[-1])
    counts = {word: int(number) for number, word in re.findall(r"(\d+) (passed|failed|error)", summary)}
    with engine.connect() as conn:
        left = conn.scalar(text("SELECT count(*) FROM users"))
    return summary, sum(counts.values()), counts.get("passed", 0), left


Path("conftest.py").write_text(CONFTEST.replace(', join_transaction_mode="create_savepoint"', ""))  # (2)!
summary, tests, passed, left = run_pytest()
print(f"{summary}, rows left: {left}")  # (3)!
#> 15 failed, 9 passed, 9 warnings, rows left: 1

Path("conftest.py").write_text(CONFTEST)
summary, tests, passed, left = run_pytest()
print(f"{summary}, rows left: {left}")  # (4)!
#> 24 passed, rows left: 0
print(f"create_savepoint: {tests} tests, failures: {tests - passed}")
#> create_savepoint: 24 tests, failures: 0
with engine.connect() as conn:
    next_id = conn.scalar(text("INSERT INTO users (name) VALUES ('after') RETURNING id"))
    conn.rollback()
print(f"next id: {next_id}")  # (5)!
#> next id: 41
engine.dispose()
