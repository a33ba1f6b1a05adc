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
Session = scoped_session(sessionmaker(engine))  # (1)!

a = Session()
b = Session()
print(a is b)  # (2)!
#> True

Session.add(User(name="kim"))  # (3)!
Session.commit()
user = Session.scalars(select(User)).one()
print(user in a, a.in_transaction())
#> True True

Session.remove()  # (4)!
print(user in a, a.in_transaction())  # (5)!
#> False False
print(Session() is a)  # (6)!
#> False
print(hasattr(a, "remove"), hasattr(Session, "remove"))  # (7)!
#> False True

Session.remove()
engine.dispose()
