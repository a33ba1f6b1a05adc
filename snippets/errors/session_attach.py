import re

from sqlalchemy import create_engine
from sqlalchemy.exc import InvalidRequestError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]


def attempt(action):
    try:
        action()
    except InvalidRequestError as exc:
        message = re.sub(r"0x[0-9a-f]+", "0x...", str(exc))  # the address changes on every run
        return re.sub(r"'\d+'", "'N'", message)  # (1)!


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as session:
    session.add(User(id=1, name="kim"))
    session.commit()

with Session(engine) as first, Session(engine) as second:
    user = first.get(User, 1)
    print(attempt(lambda: second.add(user)))  # (2)!
    #> Object '<User at 0x...>' is already attached to session 'N' (this is 'N')

    first.expunge(user)  # (3)!
    loaded = second.get(User, 1)
    print(attempt(lambda: second.add(user)))  # (4)!
    '''
    Can't attach instance <User at 0x...>; another instance with key (<class '__main__.User'>, (1,), None) is already present in this session.
    '''

    user.name = "lee"
    merged = second.merge(user)  # (5)!
    print(merged is loaded, merged.name)
    #> True lee
engine.dispose()
