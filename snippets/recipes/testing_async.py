# needs: postgresql+asyncpg
import asyncio
import os
import re
import subprocess
import sys
from pathlib import Path

from sqlalchemy import make_url, text
from sqlalchemy.ext.asyncio import create_async_engine

APP = """\
import os
from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException
from sqlalchemy import String, make_url, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50), unique=True)


engine = create_async_engine(make_url(os.environ["DATABASE_URL"]).set(drivername="postgresql+asyncpg"))
SessionFactory = async_sessionmaker(engine, expire_on_commit=False)


async def register(session: AsyncSession, name: str) -> int | None:
    # the code under test: it commits, and rolls back a duplicate name
    user = User(name=name)
    session.add(user)
    try:
        await session.commit()
    except IntegrityError:
        await session.rollback()
        return None
    return user.id  # loaded before the commit: expire_on_commit=False


async def get_session():
    async with SessionFactory() as session:
        yield session


SessionDep = Annotated[AsyncSession, Depends(get_session)]
app = FastAPI()


@app.post("/users/{name}", status_code=201)
async def create_user(name: str, session: SessionDep):
    user_id = await register(session, name)
    if user_id is None:
        raise HTTPException(409, "name taken")
    return {"id": user_id}


@app.get("/users")
async def list_users(session: SessionDep):
    return (await session.scalars(select(User.name).order_by(User.name))).all()
"""

CONFTEST = """\
import pytest
from httpx2 import ASGITransport, AsyncClient

from shop_async import Base, SessionFactory, app, engine, get_session


@pytest.fixture(scope="session")
def anyio_backend():
    return "asyncio"


@pytest.fixture(scope="session")
async def schema(anyio_backend):  # a session-scoped async fixture: one event loop for every test
    async with engine.begin() as connection:
        await connection.run_sync(Base.metadata.drop_all)
        await connection.run_sync(Base.metadata.create_all)
    yield
    await engine.dispose()  # in the loop that opened the pooled connections


@pytest.fixture
async def session(schema):
    async with engine.connect() as connection:
        outer = await connection.begin()
        session = SessionFactory(bind=connection, join_transaction_mode="create_savepoint")
        yield session
        await session.close()
        await outer.rollback()


@pytest.fixture
async def client(session):
    app.dependency_overrides[get_session] = lambda: session
    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://test") as client:
        yield client
    app.dependency_overrides.clear()
"""

TESTS = """\
import pytest
from sqlalchemy import select

from shop_async import User, register

pytestmark = pytest.mark.anyio


async def names(session):
    return (await session.scalars(select(User.name).order_by(User.name))).all()


@pytest.mark.parametrize("n", range(6))
async def test_commit(session, n):
    assert await names(session) == []  # no row of an earlier test
    assert await register(session, "kim") is not None
    assert await names(session) == ["kim"]


@pytest.mark.parametrize("n", range(6))
async def test_integrity_error(session, n):
    assert await names(session) == []
    await register(session, "kim")
    assert await register(session, "kim") is None  # IntegrityError, then rollback()
    assert await names(session) == ["kim"]  # the first commit survived the rollback


@pytest.mark.parametrize("n", range(6))
async def test_rollback(session, n):
    assert await names(session) == []
    session.add(User(name="kim"))
    await session.flush()
    await session.rollback()
    assert await names(session) == []


@pytest.mark.parametrize("n", range(6))
async def test_api(client, session, n):
    assert (await client.get("/users")).json() == []
    assert (await client.post("/users/kim")).status_code == 201
    assert (await client.post("/users/kim")).status_code == 409
    assert (await client.get("/users")).json() == ["kim"]
    assert await names(session) == ["kim"]  # the test's session saw the request's commit
"""

Path("shop_async.py").write_text(APP)
Path("conftest.py").write_text(CONFTEST)
Path("test_shop_async.py").write_text(TESTS)
Path("pytest.ini").write_text("[pytest]\n")  # this folder is pytest's root
env = {k: v for k, v in os.environ.items() if k != "PYTEST_ADDOPTS"}
env |= {"PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1", "PYTHONDONTWRITEBYTECODE": "1"}
run = subprocess.run(  # (1)!
    [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "anyio", "test_shop_async.py"],
    env=env, capture_output=True, text=True, check=False,
)
summary = re.sub(r" in [\d.]+s.*", "", run.stdout.strip().splitlines()[-1])
counts = {word: int(number) for number, word in re.findall(r"(\d+) (passed|failed|error)", summary)}


async def afterwards():
    url = make_url(os.environ["DATABASE_URL"]).set(drivername="postgresql+asyncpg")
    engine = create_async_engine(url)
    async with engine.connect() as conn:
        left = await conn.scalar(text("SELECT count(*) FROM users"))
        next_id = await conn.scalar(text("INSERT INTO users (name) VALUES ('after') RETURNING id"))
        await conn.rollback()
    await engine.dispose()
    return left, next_id


left, next_id = asyncio.run(afterwards())  # (2)!
print(f"{summary}, rows left: {left}")
#> 24 passed, rows left: 0
tests = sum(counts.values())
print(f"anyio: {tests} tests, failures: {tests - counts.get('passed', 0)}")
#> anyio: 24 tests, failures: 0
print(f"next id: {next_id}")
#> next id: 37
