from sqlalchemy import create_engine
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
engine.dispose()
