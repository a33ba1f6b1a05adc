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
)
from sqlalchemy.orm.exc import DetachedInstanceError


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    posts: Mapped[list["Post"]] = relationship()


class Post(Base):
    __tablename__ = "posts"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))


def attempt(read):
    try:
        return read()
    except DetachedInstanceError as exc:
        return re.sub(r"0x[0-9a-f]+", "0x...", str(exc))  # the address changes on every run


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as session:
    session.add(User(id=1, name="kim", posts=[Post(id=1)]))
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
    session.commit()
print(user.name)  # (2)!
#> kim
print(attempt(lambda: user.posts))
'''
Parent instance <User at 0x...> is not bound to a Session; lazy load operation of attribute 'posts' cannot proceed (Background on this error at: https://sqlalche.me/e/21/bhk3)
'''

with SessionFactory() as session:
    user = session.get(User, 1, options=[selectinload(User.posts)])  # (3)!
    session.commit()
print(user.name, len(user.posts))
#> kim 1
engine.dispose()
