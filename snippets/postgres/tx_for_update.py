# needs: postgresql+psycopg
import os

from sqlalchemy import create_engine, event, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class Job(Base):
    __tablename__ = "jobs"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]


engine = create_engine(os.environ["DATABASE_URL"])
Base.metadata.drop_all(engine)
Base.metadata.create_all(engine)
with Session(engine) as session:
    session.add_all([Job(id=1, name="a"), Job(id=2, name="b"), Job(id=3, name="c")])
    session.commit()

sent = []


@event.listens_for(engine, "before_cursor_execute")
def record(conn, cursor, statement, parameters, context, executemany):
    sent.append(" ".join(statement.split()))  # (1)!


next_job = select(Job).order_by(Job.id).limit(1)
with Session(engine) as a, Session(engine) as b:
    job = a.scalars(next_job.with_for_update()).one()  # (2)!
    print("A locked", job.name)
    #> A locked a
    print(sent[-1])
    '''
    SELECT jobs.id, jobs.name FROM jobs ORDER BY jobs.id LIMIT %(param_1)s::INTEGER FOR UPDATE
    '''
    try:
        b.scalars(next_job.with_for_update(nowait=True)).one()  # (3)!
    except OperationalError as exc:
        print(type(exc.orig).__name__, exc.orig.sqlstate, exc.orig.diag.message_primary)
        #> LockNotAvailable 55P03 could not obtain lock on row in relation "jobs"
        print(sent[-1].partition("::INTEGER ")[2])
        #> FOR UPDATE NOWAIT
    b.rollback()  # (4)!
    other = b.scalars(next_job.with_for_update(skip_locked=True)).one()  # (5)!
    print("B locked", other.name, "|", sent[-1].partition("::INTEGER ")[2])
    #> B locked b | FOR UPDATE SKIP LOCKED
    a.commit()  # (6)!
    print("B locked", b.scalars(select(Job).where(Job.id == 1).with_for_update(nowait=True)).one().name)
    #> B locked a
engine.dispose()
