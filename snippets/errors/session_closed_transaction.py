# needs: sqlite+pysqlite (runs in a browser)
from sqlalchemy import create_engine, delete, select
from sqlalchemy.exc import InvalidRequestError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)

errors = {}
for end in ("commit", "rollback"):
    with Session(engine) as session:
        try:
            with session.begin():
                session.add(User(name=f"{end} kim"))
                getattr(session, end)()  # (1)!
                session.add(User(name=f"{end} lee"))  # (2)!
        except InvalidRequestError as exc:
            errors[end] = str(exc)
print(errors["commit"])
'''
Can't operate on closed transaction inside context manager.  Please complete the context manager before emitting further commands.
'''
print(errors["rollback"] == errors["commit"])
#> True
with engine.connect() as connection:
    try:
        with connection.begin():
            connection.commit()
            connection.execute(select(1))
    except InvalidRequestError as exc:
        print("Connection:", str(exc) == errors["commit"])
        #> Connection: True
with Session(engine) as session:
    print(session.scalars(select(User.name)).all())  # (3)!
    #> ['commit kim']


class GiveUp(Exception):
    pass


def unit_of_work(i):
    with Session(engine) as session:
        try:
            with session.begin():
                session.add(User(name=f"user {i}"))
                if i % 2:
                    raise GiveUp  # (4)!
        except GiveUp:
            pass
        session.add(User(name=f"after {i}"))  # (5)!
        session.commit()


with Session(engine) as session, session.begin():
    session.execute(delete(User))
failures = 0
for i in range(20):
    try:
        unit_of_work(i)
    except InvalidRequestError:
        failures += 1
with Session(engine) as session:
    names = set(session.scalars(select(User.name)))
failures += sum((f"user {i}" in names) == bool(i % 2) or f"after {i}" not in names for i in range(20))
print(f"no commit() inside the block: 20 units of work, failures: {failures}")
#> no commit() inside the block: 20 units of work, failures: 0
engine.dispose()
