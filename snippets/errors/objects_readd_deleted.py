# needs: sqlite+pysqlite (runs in a browser)
import re

from sqlalchemy import create_engine, delete
from sqlalchemy.exc import InvalidRequestError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, make_transient, mapped_column, undefer


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    bio: Mapped[str | None] = mapped_column(deferred=True)  # (1)!


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)


def reset():
    with Session(engine) as session:
        session.execute(delete(User))
        session.add_all([User(id=i, name=f"user{i}", bio=f"bio{i}") for i in range(1, 21)])
        session.commit()


reset()
with Session(engine) as session:
    user = session.get(User, 1)
    session.commit()  # (2)!
    session.delete(user)
    session.commit()  # (3)!
    try:
        session.add(user)
    except InvalidRequestError as exc:
        print(re.sub(r"0x[0-9a-f]+", "0x...", str(exc)))  # the address changes on every run
        '''
        Instance '<User at 0x...>' has been deleted.  Use the make_transient() function to send this object back to the transient state.
        '''
    make_transient(user)
    print(user.id, user.name, user.bio)  # (4)!
    #> 1 user1 None


def delete_and_undo(user_id, how):
    with Session(engine) as session:
        user = session.get(User, user_id, options=[undefer(User.bio)])  # (5)!
        session.delete(user)
        session.commit()
        if how == "make_transient()":
            make_transient(user)  # (6)!
        elif how == "a new object":
            user = User(id=user.id, name=user.name, bio=user.bio)
        session.add(user)
        session.commit()


for how in ("add() alone", "make_transient()", "a new object"):
    reset()
    failures = 0
    for user_id in range(1, 21):
        try:
            delete_and_undo(user_id, how)
        except InvalidRequestError:
            failures += 1
            continue
        with Session(engine) as session:
            user = session.get(User, user_id)
            failures += user is None or user.bio != f"bio{user_id}"
    print(f"with {how}: 20 requests, failures: {failures}")
    #> with add() alone: 20 requests, failures: 20
    #> with make_transient(): 20 requests, failures: 0
    #> with a new object: 20 requests, failures: 0
engine.dispose()
