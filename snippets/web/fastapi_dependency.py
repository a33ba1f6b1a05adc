# needs: sqlite+pysqlite
from concurrent.futures import ThreadPoolExecutor
from typing import Annotated

from fastapi import Depends, FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import create_engine
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
SessionFactory = sessionmaker(engine)  # (1)!


def get_session():
    with SessionFactory() as session:  # (2)!
        yield session


SessionDep = Annotated[Session, Depends(get_session)]
app = FastAPI()
seen = []


@app.post("/users/{name}")
def create_user(name: str, session: SessionDep):  # (3)!
    user = User(name=name)
    session.add(user)
    session.commit()
    seen.append((session, user in session))
    return {"id": user.id}


with TestClient(app) as client:
    print(client.post("/users/kim").json(), client.post("/users/lee").json())
    #> {'id': 1} {'id': 2}

(first, had_user1), (second, had_user2) = seen
print(first is second, had_user1, had_user2)  # (4)!
#> False True True
print(first.in_transaction(), len(first.identity_map))  # (5)!
#> False 0

seen.clear()
with TestClient(app) as client, ThreadPoolExecutor(max_workers=4) as workers:  # (6)!
    responses = list(workers.map(lambda i: client.post(f"/users/user-{i}"), range(20)))
failures = sum(response.status_code != 200 for response in responses)
failures += sum(session.in_transaction() or len(session.identity_map) > 0 for session, _ in seen)
ids = {response.json()["id"] for response in responses}
print(len({id(session) for session, _ in seen}), len(ids), engine.pool.checkedout())
#> 20 20 0
print(f"4 threads: {len(responses)} requests, failures: {failures}")
#> 4 threads: 20 requests, failures: 0
engine.dispose()
