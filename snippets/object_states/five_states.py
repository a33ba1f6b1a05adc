# needs: sqlite+pysqlite (runs in a browser)
from sqlalchemy import create_engine, inspect
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]


def state(obj):
    insp = inspect(obj)
    for name in ("transient", "pending", "persistent", "deleted", "detached"):
        if getattr(insp, name):
            return name


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)

with Session(engine) as session:
    user = User(name="kim")
    print(state(user))  # (1)!
    #> transient
    session.add(user)
    print(state(user))  # (2)!
    #> pending
    session.commit()
    print(state(user))  # (3)!
    #> persistent
    session.delete(user)
    session.flush()
    print(state(user))  # (4)!
    #> deleted
    session.rollback()
    print(state(user))  # (5)!
    #> persistent
    session.delete(user)
    session.commit()
    print(state(user))  # (6)!
    #> detached

    lee = User(name="lee")
    session.add(lee)
    session.commit()
print(state(lee))  # (7)!
#> detached
