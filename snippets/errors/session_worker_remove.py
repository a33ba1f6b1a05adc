# needs: sqlite+pysqlite
from concurrent.futures import ThreadPoolExecutor
from contextvars import ContextVar

from sqlalchemy import create_engine, select
from sqlalchemy.exc import InvalidRequestError
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, scoped_session, sessionmaker


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)


engine = create_engine("sqlite:///worker.db")
Base.metadata.drop_all(engine)
Base.metadata.create_all(engine)
SessionFactory = sessionmaker(engine)
ScopedSession = scoped_session(SessionFactory)
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

task_id = ContextVar("task_id")
PerTask = scoped_session(SessionFactory, scopefunc=task_id.get)  # (4)!
Strict = scoped_session(sessionmaker(engine, close_resets_only=False))  # (5)!


def per_task(number, end):
    task_id.set(number)
    PerTask.scalars(select(User)).all()
    getattr(PerTask, end)()


def strict_task(end):
    try:
        Strict.scalars(select(User)).all()
    except InvalidRequestError as exc:
        return str(exc)
    getattr(Strict, end)()
    return "ok"


kept, second_task = {}, {}
for end in ("close", "remove"):
    for number in range(20):
        worker.submit(per_task, number, end).result()
    kept[end] = len(PerTask.registry.registry)
    second_task[end] = [worker.submit(strict_task, end).result() for _ in range(2)][1]
    PerTask.registry.registry.clear()
    worker.submit(Strict.remove).result()
print(f"task-id registry after 20 tasks: close() keeps {kept['close']}, remove() keeps {kept['remove']}")
#> task-id registry after 20 tasks: close() keeps 20, remove() keeps 0
print("close_resets_only=False, second task after remove():", second_task["remove"])
#> close_resets_only=False, second task after remove(): ok
print("close_resets_only=False, second task after close():", second_task["close"])
'''
close_resets_only=False, second task after close():
This Session has been permanently closed and is unable to handle any more transaction requests.
'''
worker.shutdown()


def own_session_task(number):
    with SessionFactory() as session:  # (6)!
        fresh = not session.in_transaction()
        session.scalars(select(User)).all()
    return fresh


def scoped_task(number):
    try:
        fresh = not ScopedSession().in_transaction()
        ScopedSession.scalars(select(User)).all()
    finally:
        ScopedSession.remove()  # (7)!
    return fresh


with ThreadPoolExecutor(max_workers=4) as workers:
    for name, fixed_task in (("own Session", own_session_task), ("remove() in finally", scoped_task)):
        fresh = list(workers.map(fixed_task, range(20)))
        checked_out = engine.pool.checkedout()
        print(f"{name}: {len(fresh)} tasks, failures: {fresh.count(False) + checked_out}")
        #> own Session: 20 tasks, failures: 0
        #> remove() in finally: 20 tasks, failures: 0
engine.dispose()
