# needs: sqlite+pysqlite (runs in a browser)
import warnings

from sqlalchemy import create_engine, func, select
from sqlalchemy.exc import IntegrityError, PendingRollbackError
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
    session.add_all([User(id=1, name="kim"), User(id=1, name="lee")])
    try:
        session.flush()  # (1)!
    except IntegrityError as exc:
        print(type(exc).__name__, exc.orig)
        #> IntegrityError UNIQUE constraint failed: users.id

    try:
        session.scalars(select(User)).all()  # (2)!
    except PendingRollbackError as exc:
        print(exc)
        '''
        This Session's transaction has been rolled back due to a previous exception during flush. To begin a new transaction with this Session, first issue Session.rollback(). Original exception was: (sqlite3.IntegrityError) UNIQUE constraint failed: users.id
        [SQL: INSERT INTO users (id, name) VALUES (?, ?)]
        [parameters: [(1, 'kim'), (1, 'lee')]]
        (Background on this error at: https://sqlalche.me/e/21/gkpj) (Background on this error at: https://sqlalche.me/e/21/7s2a)
        '''

    session.add(User(id=3, name="park"))  # (3)!
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        session.rollback()  # (4)!
    print(caught[0].message)
    '''
    Session's state has been changed on a non-active transaction - this state will be discarded.
    '''
    print(session.scalars(select(User)).all(), session.in_transaction())
    #> [] True

with Session(engine) as session:
    session.add_all([User(id=1, name="kim"), User(id=1, name="lee")])
    try:
        session.flush()
    except IntegrityError:
        session.close()  # (5)!
    print(session.scalars(select(User)).all(), session.in_transaction())
    #> [] True

with Session(engine) as session:
    session.add(User(id=1, name="kim"))
    session.commit()
failures = 0
for i in range(20):
    with Session(engine) as session:
        session.add(User(id=1, name="kim again"))
        try:
            session.commit()
        except IntegrityError:
            session.rollback()  # (6)!
        session.add(User(name=f"user-{i}"))
        try:
            session.commit()
        except PendingRollbackError:
            failures += 1
print(f"rollback() after the error: 20 sessions, failures: {failures}")
#> rollback() after the error: 20 sessions, failures: 0
with Session(engine) as session:
    print(session.scalar(select(func.count()).select_from(User)))
    #> 21
engine.dispose()
