# needs: sqlite+pysqlite (runs in a browser)
import re

from sqlalchemy import create_engine, inspect
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column
from sqlalchemy.orm.exc import DetachedInstanceError


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    bio: Mapped[str] = mapped_column(deferred=True)  # (1)!


def attempt(read):
    try:
        return read()
    except DetachedInstanceError as exc:
        return re.sub(r"0x[0-9a-f]+", "0x...", str(exc))  # (2)!


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as session:
    session.add(User(id=1, name="kim", bio="hello"))
    session.commit()

with Session(engine) as session:
    user = session.get(User, 1)
print(inspect(user).detached, user.name)  # (3)!
#> True kim
print(attempt(lambda: user.bio))  # (4)!
'''
Parent instance <User at 0x...> is not bound to a Session; deferred load operation of attribute 'bio' cannot proceed (Background on this error at: https://sqlalche.me/e/21/bhk3)
'''

with Session(engine) as session:
    user = session.get(User, 1)
    session.commit()  # (5)!
print(attempt(lambda: user.name))
'''
Instance <User at 0x...> is not bound to a Session; attribute refresh operation cannot proceed (Background on this error at: https://sqlalche.me/e/21/bhk3)
'''

with Session(engine) as session:
    session.add(user)  # (6)!
    print(inspect(user).persistent, user.name)
    #> True kim
