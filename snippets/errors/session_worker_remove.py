from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, scoped_session, sessionmaker


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)


engine = create_engine("sqlite:///worker.db")
Base.metadata.drop_all(engine)
Base.metadata.create_all(engine)
ScopedSession = scoped_session(sessionmaker(engine))
worker = ThreadPoolExecutor(max_workers=1)  # (1)!


def task(end):
    ScopedSession.scalars(select(User)).all()
    if end:
        end()  # (2)!
    return ScopedSession(), ScopedSession().in_transaction()


for end in (None, ScopedSession.close, ScopedSession.remove):
    first, _ = worker.submit(task, end).result()
    second, open_transaction = worker.submit(task, end).result()
    name = end.__name__ if end else "nothing"
    checked_out = engine.pool.checkedout()
    print(f"{name:8} same Session: {first is second}, open: {open_transaction}, checked out: {checked_out}")  # (3)!
    #> nothing  same Session: True, open: True, checked out: 1
    #> close    same Session: True, open: False, checked out: 0
    #> remove   same Session: False, open: False, checked out: 0
    worker.submit(ScopedSession.remove).result()

worker.shutdown()
engine.dispose()
