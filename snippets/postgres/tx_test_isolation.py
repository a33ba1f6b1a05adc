# needs: postgresql+psycopg
import os
import re
import subprocess
import sys
from pathlib import Path

from sqlalchemy import Column, Integer, MetaData, String, Table, create_engine, func, select, text

TEST_MODULE = '''\
import asyncio
import os

import pytest
from sqlalchemy import create_engine, make_url, select
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
    engine = create_engine(os.environ["DATABASE_URL"])
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
    url = make_url(os.environ["DATABASE_URL"]).set(drivername="postgresql+asyncpg")
    return create_async_engine(url, poolclass=NullPool)  # no connection outlives its loop


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

Path("test_users.py").write_text(TEST_MODULE)  # (1)!
Path("pytest.ini").write_text("[pytest]\n")  # this folder is pytest's root

metadata = MetaData()
users = Table("users", metadata, Column("id", Integer, primary_key=True), Column("name", String, nullable=False))
engine = create_engine(os.environ["DATABASE_URL"])
metadata.drop_all(engine)
metadata.create_all(engine)

env = {k: v for k, v in os.environ.items() if k != "PYTEST_ADDOPTS"} | {"PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"}
run = subprocess.run(  # (2)!
    [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:xdist", "test_users.py"],
    env=env, capture_output=True, text=True, check=False,
)
summary = re.sub(r" in [\d.]+s.*", "", run.stdout.strip().splitlines()[-1])
print(summary)
#> 40 passed
counts = {word: int(number) for number, word in re.findall(r"(\d+) (\w+)", summary)}
print(f"with the fixture: {sum(counts.values())} tests, failures: {counts.get('failed', 0) + counts.get('error', 0)}")
#> with the fixture: 40 tests, failures: 0
with engine.connect() as conn:
    print("rows left:", conn.scalar(select(func.count()).select_from(users)))  # (3)!
    #> rows left: 0
    print("users_id_seq:", conn.scalar(text("SELECT last_value FROM users_id_seq")))  # (4)!
    #> users_id_seq: 120
engine.dispose()
