# needs: sqlite+pysqlite (runs in a browser)
from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]


def rows_after_outer_rollback(engine, sessions=20):
    Base.metadata.create_all(engine)
    for _ in range(sessions):
        with Session(engine) as session:
            with session.begin_nested():  # (1)!
                session.add(User(name="kim"))
            session.rollback()  # (2)!
    with Session(engine) as session:
        rows = session.scalar(select(func.count()).select_from(User))
    engine.dispose()
    return rows


failures = rows_after_outer_rollback(create_engine("sqlite://"))
print(f"default: 20 sessions, failures: {failures}")  # (3)!
#> default: 20 sessions, failures: 20
fixed = create_engine("sqlite://", connect_args={"autocommit": False})
failures = rows_after_outer_rollback(fixed)
print('connect_args={"autocommit": False}: 20 sessions, failures:', failures)  # (4)!
#> connect_args={"autocommit": False}: 20 sessions, failures: 0
