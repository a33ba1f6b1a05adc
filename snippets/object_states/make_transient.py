# needs: sqlite+pysqlite (runs in a browser)
from sqlalchemy import create_engine, event, func, inspect, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    make_transient,
    make_transient_to_detached,
    mapped_column,
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
seen = []
for name in ("persistent_to_detached", "persistent_to_transient", "detached_to_persistent"):
    event.listen(SessionFactory, name, lambda session, obj, name=name: seen.append(name))

with SessionFactory() as session:
    session.add(User(id=1, name="kim"))
    session.commit()

with SessionFactory() as session:
    user = session.get(User, 1)
    make_transient(user)  # (1)!
    print(inspect(user).transient, user.id, user.name, seen)
    #> True 1 kim ['persistent_to_detached']
    session.add(user)  # (2)!
    try:
        session.commit()
    except IntegrityError as exc:
        print(type(exc).__name__, exc.orig)
        #> IntegrityError UNIQUE constraint failed: users.id

with SessionFactory() as session:
    user = session.get(User, 1)
    session.commit()  # (3)!
    make_transient(user)
    print(inspect(user).transient, user.id, user.name)
    #> True None None
    session.add(user)
    try:
        session.commit()
    except IntegrityError as exc:
        print(type(exc).__name__, exc.orig)
        #> IntegrityError NOT NULL constraint failed: users.name

failures = 0
for _ in range(20):
    with SessionFactory() as session:
        user = session.get(User, 1)
        session.commit()  # earlier work in the same session expired everything
        session.refresh(user)  # (4)!
        make_transient(user)
        user.id = None  # (5)!
        session.add(user)
        session.commit()
        failures += user.id == 1 or user.name != "kim"
with SessionFactory() as session:
    copies = session.scalar(select(func.count()).where(User.id != 1, User.name == "kim"))
print(f"refresh, then make_transient: {copies} copies, failures: {failures}")
#> refresh, then make_transient: 20 copies, failures: 0

seen.clear()
copy = User(id=1, name="kim")  # built from a cache, a message, a form...
make_transient_to_detached(copy)  # (6)!
print(inspect(copy).detached, seen)
#> True []
with SessionFactory() as session:
    session.add(copy)  # (7)!
    copy.name = "kim-edited"
    session.commit()
    print(seen, session.get(User, 1).name)
    #> ['detached_to_persistent'] kim-edited
engine.dispose()
