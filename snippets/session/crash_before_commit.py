# needs: sqlite+pysqlite
import multiprocessing
import os

from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]


engine = create_engine("sqlite:///crash.db")
Base.metadata.drop_all(engine)  # start empty, however often the file runs
Base.metadata.create_all(engine)
engine.dispose()
count_users = select(func.count()).select_from(User)


def child(pipe):
    session = Session(create_engine("sqlite:///crash.db"))
    session.add(User(name="kim"))
    session.flush()  # (1)!
    pipe.send(session.scalar(count_users))
    os._exit(1)  # (2)!


ctx = multiprocessing.get_context("fork")  # (3)!
receiver, sender = ctx.Pipe(duplex=False)
process = ctx.Process(target=child, args=(sender,))
process.start()
print("the child after its flush sees:", receiver.recv() if receiver.poll(10) else "no answer")
#> the child after its flush sees: 1
process.join(10)
print("the child exited with:", process.exitcode)
#> the child exited with: 1

with Session(engine) as session:
    print("rows after the crash:", session.scalar(count_users))  # (4)!
    #> rows after the crash: 0
engine.dispose()
