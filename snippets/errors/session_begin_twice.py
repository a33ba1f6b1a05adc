# needs: sqlite+pysqlite (runs in a browser)
from sqlalchemy import create_engine, delete, func, select
from sqlalchemy.exc import InvalidRequestError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]


engine = create_engine("sqlite://", connect_args={"autocommit": False})  # for savepoints on SQLite
Base.metadata.create_all(engine)

with Session(engine) as session:
    session.add(User(name="kim"))  # (1)!
    try:
        with session.begin():
            session.add(User(name="lee"))
    except InvalidRequestError as exc:
        print(exc)
        #> A transaction is already begun on this Session.

with Session(engine) as session, session.begin():  # (2)!
    session.add(User(name="kim"))

with Session(engine, autobegin=False) as session:  # (3)!
    try:
        session.add(User(name="lee"))
    except InvalidRequestError as exc:
        print(exc)
        '''
        Autobegin is disabled on this Session; please call session.begin() to start a new transaction
        '''
    with session.begin():
        session.add(User(name="lee"))
    print(session.in_transaction())
    #> False


def helper_commits_first(session, name):
    session.commit()  # commits the caller's pending work too
    with session.begin():
        session.add(User(name=name))


def helper_without_framing(session, name):
    session.add(User(name=name))  # (4)!


def helper_with_savepoint(session, name):
    with session.begin_nested():  # (5)!
        session.add(User(name=name))


SessionFactory = sessionmaker(engine)
with SessionFactory.begin() as session:
    session.execute(delete(User))
for helper in (helper_commits_first, helper_without_framing, helper_with_savepoint):
    for i in range(20):
        with SessionFactory() as session:
            session.add(User(name=f"caller {i}"))
            helper(session, f"helper {i}")
            session.rollback()  # the caller gives up: nothing of this unit may stay
    with SessionFactory.begin() as session:
        kept = session.scalar(select(func.count()).where(User.name.startswith("caller")))
        session.execute(delete(User))
    print(f"{helper.__name__}: 20 units of work, failures: {kept}")
    #> helper_commits_first: 20 units of work, failures: 20
    #> helper_without_framing: 20 units of work, failures: 0
    #> helper_with_savepoint: 20 units of work, failures: 0
engine.dispose()
