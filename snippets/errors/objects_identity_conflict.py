# needs: sqlite+pysqlite (runs in a browser)
import re
import warnings

from sqlalchemy import create_engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as session:
    session.add_all([User(id=i, name=f"user{i}") for i in range(1, 6)])
    session.commit()

with Session(engine) as session:
    current = session.get(User, 1)  # (1)!
    session.add(User(id=1, name="lee"))  # (2)!
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            session.commit()
        except IntegrityError as exc:
            error = exc
    for warning in caught:
        message = re.sub(r"0x[0-9a-f]+", "0x...", str(warning.message))  # the address changes on every run
        print(f"{warning.category.__name__}: {message}")
        '''
        SAWarning: New instance <User at 0x...> with identity key (<class '__main__.User'>, (1,), None) conflicts with persistent instance <User at 0x...>
        '''
    print(type(error).__name__, error.orig)
    #> IntegrityError UNIQUE constraint failed: users.id


def save(user_id, name, how):
    with Session(engine) as session:
        if how == "add()":
            session.add(User(id=user_id, name=name))
        elif how == "merge()":
            session.merge(User(id=user_id, name=name))  # (3)!
        else:
            session.get(User, user_id).name = name  # (4)!
        session.commit()


for how in ("add()", "merge()", "update"):
    failures = 0
    for i in range(20):
        user_id, name = i % 5 + 1, f"{how} {i}"
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                save(user_id, name, how)
        except IntegrityError:
            failures += 1
            continue
        with Session(engine) as session:
            failures += session.get(User, user_id).name != name
    print(f"with {how}: 20 requests, failures: {failures}")
    #> with add(): 20 requests, failures: 20
    #> with merge(): 20 requests, failures: 0
    #> with update: 20 requests, failures: 0
engine.dispose()
