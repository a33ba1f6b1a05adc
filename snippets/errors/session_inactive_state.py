# needs: sqlite+pysqlite
import threading

from sqlalchemy import create_engine, event, func, insert, select
from sqlalchemy.exc import IntegrityError, InvalidRequestError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(unique=True)


class Audit(Base):
    __tablename__ = "audit"
    id: Mapped[int] = mapped_column(primary_key=True)
    what: Mapped[str]


engine = create_engine("sqlite:///audit.db")
Base.metadata.drop_all(engine)
Base.metadata.create_all(engine)
with Session(engine) as session:
    session.add(User(name="kim"))
    session.commit()

AuditThroughSession = sessionmaker(engine)
AuditOnOwnConnection = sessionmaker(engine)


@event.listens_for(AuditThroughSession, "after_rollback")
def audit_through_session(session):
    session.execute(insert(Audit).values(what="rollback"))  # (1)!


@event.listens_for(AuditOnOwnConnection, "after_rollback")
def audit_on_own_connection(session):
    with session.get_bind().begin() as connection:  # (2)!
        connection.execute(insert(Audit).values(what="rollback"))


with AuditThroughSession() as session:
    session.add(User(name="kim"))
    try:
        session.commit()  # (3)!
    except InvalidRequestError as exc:
        print(type(exc).__name__, "during", type(exc.__context__).__name__)
        #> InvalidRequestError during IntegrityError
        print(exc)
        '''
        This session is in 'inactive' state, due to the SQL transaction being rolled back; no further SQL can be emitted within this transaction.
        '''

SharedByThreads = sessionmaker(engine)
rolling_back, other_thread_done = threading.Event(), threading.Event()


@event.listens_for(SharedByThreads, "after_rollback")
def hold_the_rollback(session):
    rolling_back.set()  # (4)!
    other_thread_done.wait(5)


shared = SharedByThreads()


def other_thread():
    rolling_back.wait(5)
    try:
        shared.execute(select(1))  # (5)!
    except InvalidRequestError as exc:
        print("other thread:", str(exc).split(",")[0])
        #> other thread: This session is in 'inactive' state
    finally:
        other_thread_done.set()


thread = threading.Thread(target=other_thread)
thread.start()
shared.execute(select(1))
shared.rollback()
thread.join()
shared.close()


def audit_rows():
    with Session(engine) as session:
        return session.scalar(select(func.count(Audit.id)))


for name, factory in (("audit through the session", AuditThroughSession), ("audit on its own connection", AuditOnOwnConnection)):
    failures = 0
    for _ in range(20):
        before = audit_rows()
        with factory() as session:
            session.add(User(name="kim"))  # a request that fails on the duplicate name
            try:
                session.commit()
            except (IntegrityError, InvalidRequestError) as exc:
                session.rollback()
                failures += not isinstance(exc, IntegrityError) or audit_rows() != before + 1  # (6)!
    print(f"{name}: 20 requests, failures: {failures}")
    #> audit through the session: 20 requests, failures: 20
    #> audit on its own connection: 20 requests, failures: 0
engine.dispose()
