# needs: sqlite+pysqlite (runs in a browser)
import re

from sqlalchemy import ForeignKey, create_engine
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    Session,
    mapped_column,
    relationship,
    selectinload,
    sessionmaker,
    undefer,
)
from sqlalchemy.orm.exc import DetachedInstanceError


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    bio: Mapped[str] = mapped_column(deferred=True)
    posts: Mapped[list["Post"]] = relationship()


class Post(Base):
    __tablename__ = "posts"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))


def attempt(read, *args):
    try:
        return read(*args)
    except DetachedInstanceError as exc:
        return re.sub(r"0x[0-9a-f]+", "0x...", str(exc))  # the address changes on every run


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as session:
    session.add(User(id=1, name="kim", bio="hi", posts=[Post(id=1)]))
    session.commit()

with Session(engine) as session:
    user = session.get(User, 1)
    session.commit()  # (1)!
print(attempt(lambda: user.name))
'''
Instance <User at 0x...> is not bound to a Session; attribute refresh operation cannot proceed (Background on this error at: https://sqlalche.me/e/21/bhk3)
'''

SessionFactory = sessionmaker(engine, expire_on_commit=False)
with SessionFactory() as session:
    user = session.get(User, 1)
    session.rollback()  # (2)!
print(attempt(lambda: user.name))
'''
Instance <User at 0x...> is not bound to a Session; attribute refresh operation cannot proceed (Background on this error at: https://sqlalche.me/e/21/bhk3)
'''

with SessionFactory() as session:
    user = session.get(User, 1)
    session.commit()
print(user.name)  # (3)!
#> kim
print(attempt(lambda: user.posts))
'''
Parent instance <User at 0x...> is not bound to a Session; lazy load operation of attribute 'posts' cannot proceed (Background on this error at: https://sqlalche.me/e/21/bhk3)
'''
print(attempt(lambda: user.bio))
'''
Parent instance <User at 0x...> is not bound to a Session; deferred load operation of attribute 'bio' cannot proceed (Background on this error at: https://sqlalche.me/e/21/bhk3)
'''


def read_all(user):
    return user.name, user.bio, len(user.posts)


def request():
    with SessionFactory() as session:
        options = [selectinload(User.posts), undefer(User.bio)]
        user = session.get(User, 1, options=options)  # (4)!
        session.commit()
    return user


requests = 20
failures = 0
for _ in range(requests):
    user = request()
    failures += isinstance(attempt(read_all, user), str)
print(f"loaded before close: {requests} requests, failures: {failures}")
#> loaded before close: 20 requests, failures: 0

failures = 0
for _ in range(requests):
    with SessionFactory() as session:
        user = session.get(User, 1)
        session.rollback()
    with SessionFactory() as session:
        session.add(user)  # (5)!
        failures += isinstance(attempt(read_all, user), str)
print(f"reattached with add(): {requests} objects, failures: {failures}")
#> reattached with add(): 20 objects, failures: 0
engine.dispose()
