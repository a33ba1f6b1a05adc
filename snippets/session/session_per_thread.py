import threading

from sqlalchemy import create_engine, func, select
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
sessions = {}


def work(name):
    with SessionFactory.begin() as session:  # (2)!
        session.add(User(name=name))
        sessions[name] = session


threads = [threading.Thread(target=work, args=(f"user-{i}",)) for i in range(4)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join(timeout=5)

print(len({id(session) for session in sessions.values()}))  # (3)!
#> 4
with SessionFactory() as session:
    print(session.scalar(select(func.count()).select_from(User)))
    #> 4
engine.dispose()
