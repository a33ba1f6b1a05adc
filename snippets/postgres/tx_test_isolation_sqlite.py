# needs: sqlite+pysqlite
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

from sqlalchemy import Column, Integer, MetaData, String, Table, create_engine, func, select

TEST_MODULE = '''\
import asyncio

import pytest
from sqlalchemy import create_engine, select
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column
from sqlalchemy.pool import NullPool


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]


def register(session, names):  # code under test: it commits, then a failed step rolls back
    session.add_all([User(name=name) for name in names])
    session.commit()
    session.add(User(name="draft"))
    session.flush()
    session.rollback()


async def register_async(session, names):  # the same, for AsyncSession
    session.add_all([User(name=name) for name in names])
    await session.commit()
    session.add(User(name="draft"))
    await session.flush()
    await session.rollback()


@pytest.fixture(scope="session")
def engine():
    engine = create_engine("sqlite:///tests.db", connect_args={"autocommit": False})
    yield engine
    engine.dispose()


@pytest.fixture
def db_session(engine):
    with engine.connect() as connection:
        outer = connection.begin()  # the test's transaction, never committed
        session = Session(bind=connection, join_transaction_mode="create_savepoint")
        yield session
        session.close()
        outer.rollback()  # discards everything the test wrote, committed or not


@pytest.fixture
def runner():  # a new event loop for each test, as pytest-asyncio gives by default
    with asyncio.Runner() as runner:
        yield runner


@pytest.fixture(scope="session")
def async_engine():
    url = "sqlite+aiosqlite:///tests.db"
    return create_async_engine(url, poolclass=NullPool, connect_args={"autocommit": False})


@pytest.fixture
def async_session(runner, async_engine):
    async def begin():
        connection = await async_engine.connect()
        return connection, await connection.begin()

    connection, outer = runner.run(begin())
    session = AsyncSession(bind=connection, join_transaction_mode="create_savepoint")
    yield session

    async def end():
        await session.close()
        await outer.rollback()
        await connection.close()

    runner.run(end())


@pytest.mark.parametrize("n", range(20))
def test_register(db_session, n):
    register(db_session, [f"kim{n}", "lee"])
    names = db_session.scalars(select(User.name).order_by(User.name)).all()
    assert names == [f"kim{n}", "lee"]  # only this test's rows; never assert on ids


@pytest.mark.parametrize("n", range(20))
def test_register_async(runner, async_session, n):
    async def test():
        await register_async(async_session, [f"kim{n}", "lee"])
        return (await async_session.scalars(select(User.name).order_by(User.name))).all()

    assert runner.run(test()) == [f"kim{n}", "lee"]
'''

Path("test_users.py").write_text(TEST_MODULE)
legacy = TEST_MODULE.replace('connect_args={"autocommit": False}', "connect_args={}").replace("tests.db", "legacy.db")
Path("test_legacy.py").write_text(legacy)  # (1)!
Path("pytest.ini").write_text("[pytest]\n")  # this folder is pytest's root
metadata = MetaData()
users = Table("users", metadata, Column("id", Integer, primary_key=True), Column("name", String, nullable=False))
engines = {name: create_engine(f"sqlite:///{name}.db") for name in ("tests", "legacy")}
for engine in engines.values():
    metadata.drop_all(engine)
    metadata.create_all(engine)

env = {k: v for k, v in os.environ.items() if k != "PYTEST_ADDOPTS"} | {"PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"}
command = [sys.executable, "-m", "pytest", "-q", "-rA", "-p", "no:cacheprovider", "-p", "no:xdist"]
run = subprocess.run(  # (2)!
    [*command, "test_users.py", "test_legacy.py", "-k", "not (legacy and async)"],
    env=env, capture_output=True, text=True, check=False,
)
results = Counter(re.findall(r"^(PASSED|FAILED|ERROR) test_(\w+)\.py::", run.stdout, re.MULTILINE))
left = {}
for name, engine in engines.items():
    with engine.connect() as conn:
        left[name] = conn.scalar(select(func.count()).select_from(users))
    engine.dispose()
print(f"with autocommit=False: {results['PASSED', 'users']} passed, rows left: {left['tests']}")
#> with autocommit=False: 40 passed, rows left: 0
tests = sum(n for (_, name), n in results.items() if name == "users")
print(f"with autocommit=False: {tests} tests, failures: {tests - results['PASSED', 'users']}")
#> with autocommit=False: 40 tests, failures: 0
print(f"legacy mode: {results['PASSED', 'legacy']} passed, rows left: {left['legacy']}")  # (3)!
#> legacy mode: 1 passed, rows left: 40
tests = sum(n for (_, name), n in results.items() if name == "legacy")
print(f"legacy mode: {tests} tests, failures: {tests - results['PASSED', 'legacy']}")
#> legacy mode: 20 tests, failures: 19
