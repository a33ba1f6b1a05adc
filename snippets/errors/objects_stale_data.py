# needs: sqlite+pysqlite
import threading
from typing import ClassVar

from sqlalchemy import create_engine, delete
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column
from sqlalchemy.orm.exc import StaleDataError


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    visits: Mapped[int]
    version: Mapped[int] = mapped_column()
    __mapper_args__: ClassVar = {"version_id_col": version}  # (1)!


engine = create_engine("sqlite:///users.db", connect_args={"timeout": 5})  # (2)!
Base.metadata.drop_all(engine)
Base.metadata.create_all(engine)
with Session(engine) as session:
    session.add_all([User(id=1, visits=0), User(id=2, visits=0)])
    session.commit()

with Session(engine) as first, Session(engine) as second:
    mine, theirs = second.get(User, 1), first.get(User, 1)
    theirs.visits += 1
    first.commit()  # (3)!
    mine.visits += 1
    try:
        second.commit()
    except StaleDataError as exc:
        print(exc)
        '''
        UPDATE statement on table 'users' expected to update 1 row(s); 0 were matched.
        '''

with Session(engine) as session:
    user = session.get(User, 2)
    with engine.begin() as conn:
        conn.execute(delete(User).where(User.id == 2))  # (4)!
    user.visits += 1
    try:
        session.commit()
    except StaleDataError as exc:
        print(exc)
        '''
        UPDATE statement on table 'users' expected to update 1 row(s); 0 were matched.
        '''
        session.rollback()
    print(session.get(User, 2))
    #> None


def add_visit(retry, gate):
    for _ in range(100):
        with Session(engine) as session:
            user = session.get(User, 1)  # (5)!
            if user is None:
                return False  # deleted: nothing left to update
            user.visits += 1
            if gate:
                gate.wait()
            try:
                session.commit()
                return True
            except StaleDataError:
                if not retry:
                    return False
    return False


def run(retry, threads=4, rounds=5):
    gate = None if retry else threading.Barrier(threads, timeout=5)  # (6)!
    results = []

    def worker():
        for _ in range(rounds):
            results.append(add_visit(retry, gate))

    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    return len(results), results.count(False)


updates, failures = run(retry=False)
print(f"without retry: {updates} updates, failures: {failures}")
#> without retry: 20 updates, failures: 15

with Session(engine) as session:
    before = session.get(User, 1).visits
updates, failures = run(retry=True)  # (7)!
with Session(engine) as session:
    added = session.get(User, 1).visits - before
print(f"visits added: {added}")
#> visits added: 20
print(f"with retry: {updates} updates, failures: {failures + updates - added}")
#> with retry: 20 updates, failures: 0
engine.dispose()
