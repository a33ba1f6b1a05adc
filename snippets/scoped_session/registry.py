# needs: sqlite+pysqlite (runs in a browser)
from sqlalchemy import create_engine, select
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    mapped_column,
    scoped_session,
    sessionmaker,
)


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
SessionFactory = sessionmaker(engine)
ScopedSession = scoped_session(SessionFactory)  # (1)!

a = ScopedSession()
b = ScopedSession()
print(a is b)  # (2)!
#> True

ScopedSession.add(User(name="kim"))  # (3)!
ScopedSession.commit()
user = ScopedSession.scalars(select(User)).one()
print(user in a, a.in_transaction())
#> True True

ScopedSession.remove()  # (4)!
print(user in a, a.in_transaction())  # (5)!
#> False False
print(ScopedSession() is a)  # (6)!
#> False
print(hasattr(a, "remove"), hasattr(ScopedSession, "remove"))  # (7)!
#> False True

ScopedSession.remove()
engine.dispose()
