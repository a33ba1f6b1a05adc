# needs: sqlite+pysqlite (runs in a browser)
import time

from sqlalchemy import create_engine, exc, func, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column
from sqlalchemy.pool import StaticPool


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]


def two_sessions(engine, cycles=20):
    Base.metadata.drop_all(engine)
    Base.metadata.create_all(engine)
    errors = []
    for n in range(cycles):
        with Session(engine) as a, Session(engine) as b:
            try:
                a.add(User(name=f"user {n}"))
                a.flush()  # (1)!
                b.scalar(select(func.count()).select_from(User))  # (2)!
                b.rollback()  # (3)!
                a.commit()
            except exc.OperationalError as error:
                errors.append(error.orig)
    with Session(engine) as check:
        kept = check.scalar(select(func.count()).select_from(User))
    engine.dispose()
    return f"{cycles} cycles, failures: {cycles - kept}", errors


static = create_engine(
    "sqlite://", poolclass=StaticPool, connect_args={"check_same_thread": False}
)
print("StaticPool:  ", two_sessions(static)[0])  # (4)!
#> StaticPool:   20 cycles, failures: 20

shared = create_engine("sqlite:///file::memory:?cache=shared&uri=true")  # (5)!
started = time.monotonic()
result, errors = two_sessions(shared)
print("shared cache:", result)
#> shared cache: 20 cycles, failures: 20
print(repr(errors[0]), "| at once:", time.monotonic() - started < 2)  # (6)!
#> OperationalError('database table is locked: users') | at once: True

file = create_engine("sqlite:///two_sessions.db")  # (7)!
print("file:        ", two_sessions(file)[0])
#> file:         20 cycles, failures: 0
