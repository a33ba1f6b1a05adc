# needs: sqlite+pysqlite (runs in a browser)
import re

from sqlalchemy import create_engine, update
from sqlalchemy.exc import InvalidRequestError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]


engine = create_engine("sqlite:///users.db")
Base.metadata.drop_all(engine)
Base.metadata.create_all(engine)


def rename(name):
    with engine.begin() as conn:  # another connection changes the row and commits
        conn.execute(update(User).values(name=name))


with Session(engine) as session:
    user = User(id=1, name="kim")
    session.add(user)
    session.commit()
    rename("lee")
    print(user.name)  # (1)!
    #> lee

rename("park")
try:
    session.refresh(user)  # (2)!
except InvalidRequestError as exc:
    print(re.sub(r"0x[0-9a-f]+", "0x...", str(exc)))  # the address changes on every run
    #> Instance '<User at 0x...>' is not persistent within this Session

with Session(engine) as session:
    session.add(user)  # (3)!
    before = user.name
    session.refresh(user)
    print(before, user.name)
    #> lee park

stale = {"commit, then read": 0, "expire_on_commit=False, refresh()": 0}
for i in range(20):
    with Session(engine) as session:
        user = session.get(User, 1)
        session.commit()
        rename(f"kim {i}")
        stale["commit, then read"] += user.name != f"kim {i}"  # (4)!
    with Session(engine, expire_on_commit=False) as session:
        user = session.get(User, 1)
        session.commit()
        rename(f"lee {i}")
        session.refresh(user)  # (5)!
        stale["expire_on_commit=False, refresh()"] += user.name != f"lee {i}"
for name, failures in stale.items():
    print(f"{name}: 20 sessions, failures: {failures}")
    #> commit, then read: 20 sessions, failures: 0
    #> expire_on_commit=False, refresh(): 20 sessions, failures: 0
engine.dispose()
