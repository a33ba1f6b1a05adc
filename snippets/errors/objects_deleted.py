# needs: sqlite+pysqlite (runs in a browser)
import re

from sqlalchemy import create_engine, delete, inspect
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column
from sqlalchemy.orm.exc import ObjectDeletedError


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]


engine = create_engine("sqlite:///users.db")


def reset():
    Base.metadata.drop_all(engine)
    Base.metadata.create_all(engine)
    with Session(engine) as session:
        session.add_all([User(id=i, name=f"user{i}") for i in range(1, 21)])
        session.commit()


def delete_elsewhere(user_id):  # another connection deletes the row and commits
    with engine.begin() as conn:
        conn.execute(delete(User).where(User.id == user_id))


reset()
with Session(engine) as session:
    user = session.get(User, 1)
    session.commit()  # (1)!
    delete_elsewhere(1)
    try:
        print(user.name)
    except ObjectDeletedError as exc:
        print(re.sub(r"0x[0-9a-f]+", "0x...", str(exc)))  # the address changes on every run
        '''
        Instance '<User at 0x...>' has been deleted, or its row is otherwise not present.
        '''
    print(session.get(User, 1))  # (2)!
    #> None

    other = session.get(User, 2)
    session.execute(
        delete(User).where(User.id == 2),
        execution_options={"synchronize_session": False},  # (3)!
    )
    session.commit()
    try:
        print(other.name)
    except ObjectDeletedError as exc:
        print(type(exc).__name__)
        #> ObjectDeletedError

    third = session.get(User, 3)
    session.execute(delete(User).where(User.id == 3))  # the default synchronize_session, "auto"
    session.commit()
    print(third.name, inspect(third).was_deleted, inspect(third).detached)
    #> user3 True True


def rename(user_id, how):
    with Session(engine) as session:
        user = session.get(User, user_id)
        user.name = user.name.upper()
        if how == "read before commit":
            body = {"id": user.id, "name": user.name}  # (4)!
        session.commit()
        if user_id % 5 == 0:
            delete_elsewhere(user_id)  # a concurrent delete lands between commit and read
        if how == "get() after commit":
            user = session.get(User, user_id)  # (5)!
            body = None if user is None else {"id": user.id, "name": user.name}
        elif how == "read after commit":
            body = {"id": user.id, "name": user.name}
        return body


for how in ("read after commit", "read before commit", "get() after commit"):
    reset()
    failures = 0
    for user_id in range(1, 21):
        try:
            rename(user_id, how)
        except ObjectDeletedError:
            failures += 1
    print(f"{how}: 20 requests, failures: {failures}")
    #> read after commit: 20 requests, failures: 4
    #> read before commit: 20 requests, failures: 0
    #> get() after commit: 20 requests, failures: 0
engine.dispose()
