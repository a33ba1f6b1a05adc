# needs: sqlite+pysqlite (runs in a browser)
import re

from sqlalchemy import create_engine, event, inspect
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column
from sqlalchemy.orm.exc import DetachedInstanceError


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
statements = []


@event.listens_for(engine, "before_cursor_execute")
def capture(conn, cursor, statement, parameters, context, executemany):
    statements.append(" ".join(statement.split()))


with Session(engine) as session:
    kim = User(name="kim")
    session.add(kim)
    session.commit()
    print(inspect(kim).expired, kim.__dict__.get("name"))  # (1)!
    #> True None
    statements.clear()
    print(kim.name)  # (2)!
    #> kim
    print(statements)
    #> ['SELECT users.id, users.name FROM users WHERE users.id = ?']

with Session(engine) as session:
    lee = User(name="lee")
    session.add(lee)
    session.commit()
try:
    print(lee.name)  # (3)!
except DetachedInstanceError as exc:
    print(type(exc).__name__, re.sub(r" at 0x\w+", "", str(exc)))
    '''
    DetachedInstanceError
    Instance <User> is not bound to a Session; attribute refresh operation cannot proceed (Background on this error at: https://sqlalche.me/e/21/bhk3)
    '''

with Session(engine, expire_on_commit=False) as session:  # (4)!
    park = User(name="park")
    session.add(park)
    session.commit()
    statements.clear()
print(park.name, statements)
#> park []
engine.dispose()
