from sqlalchemy import create_engine, select
from sqlalchemy.exc import IntegrityError, PendingRollbackError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(unique=True)


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as session:
    session.add(User(name="kim"))
    session.commit()


with Session(engine) as session:
    session.add(User(name="kim"))
    try:
        session.scalars(select(User)).all()  # (1)!
    except IntegrityError as exc:
        print(type(exc).__name__, exc.orig)
        #> IntegrityError UNIQUE constraint failed: users.name
    try:
        session.scalars(select(User)).all()  # (2)!
    except PendingRollbackError as exc:
        print(type(exc).__name__, exc.code)
        #> PendingRollbackError 7s2a
        print(str(exc).split(" Original")[0])
        '''
        This Session's transaction has been rolled back due to a previous exception during flush. To begin a new transaction with this Session, first issue Session.rollback().
        '''

with Session(engine) as session:
    session.add(User(name="kim"))
    try:
        session.scalars(select(User)).all()
    except IntegrityError:
        session.rollback()  # (3)!
    session.add(User(name="lee"))
    session.commit()
    print(session.scalars(select(User.name).order_by(User.id)).all())
    #> ['kim', 'lee']
engine.dispose()
