# needs: sqlite+pysqlite
import threading

from sqlalchemy import create_engine, func, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, sessionmaker


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]


engine = create_engine("sqlite:///threads.db")
Base.metadata.drop_all(engine)  # start empty, however often the file runs
Base.metadata.create_all(engine)
SessionFactory = sessionmaker(engine)  # (1)!
sessions, failures = {}, []
all_started = threading.Barrier(20, timeout=5)


def work(name):
    try:
        with SessionFactory.begin() as session:  # (2)!
            sessions[name] = session
            all_started.wait()  # every thread is inside its own session now
            session.add(User(name=name))
    except (SQLAlchemyError, threading.BrokenBarrierError) as exc:
        failures.append(exc)


threads = [threading.Thread(target=work, args=(f"user-{i}",)) for i in range(20)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join(timeout=10)

print(f"one session per thread: {len(threads)} threads, failures: {len(failures)}")  # (3)!
#> one session per thread: 20 threads, failures: 0
with SessionFactory() as session:
    print(len({id(session) for session in sessions.values()}), session.scalar(select(func.count()).select_from(User)))
    #> 20 20
engine.dispose()
