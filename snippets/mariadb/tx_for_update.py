# needs: mysql+pymysql
import os

from sqlalchemy import String, create_engine, event, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class Job(Base):
    __tablename__ = "jobs"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(20))


engine = create_engine(os.environ["MARIADB_URL"])
Base.metadata.drop_all(engine)
Base.metadata.create_all(engine)
with Session(engine) as session:
    session.add_all([Job(id=1, name="a"), Job(id=2, name="b"), Job(id=3, name="c")])
    session.commit()

sent = []


@event.listens_for(engine, "before_cursor_execute")
def record(conn, cursor, statement, parameters, context, executemany):
    sent.append(" ".join(statement.split()))


next_job = select(Job).order_by(Job.id).limit(1)
with Session(engine) as a, Session(engine) as b:
    job = a.scalars(next_job.with_for_update()).one()
    print("A locked", job.name, "|", sent[-1].partition("%(param_1)s ")[2])  # (1)!
    #> A locked a | FOR UPDATE
    try:
        b.scalars(next_job.with_for_update(nowait=True)).one()  # (2)!
    except OperationalError as exc:
        print(sent[-1].partition("%(param_1)s ")[2], "->", exc.orig.args)
        '''
        FOR UPDATE NOWAIT
        ->
        (1205, 'Lock wait timeout exceeded; try restarting transaction')
        '''
    other = b.scalars(next_job.with_for_update(skip_locked=True)).one()  # (3)!
    print("B locked", other.name, "|", sent[-1].partition("%(param_1)s ")[2])
    #> B locked b | FOR UPDATE SKIP LOCKED
    a.commit()
    print("B locked", b.scalars(select(Job).where(Job.id == 1).with_for_update(nowait=True)).one().name)
    #> B locked a
engine.dispose()
