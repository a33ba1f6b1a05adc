# needs: sqlite+pysqlite (runs in a browser)
from sqlalchemy import create_engine, func, select
from sqlalchemy.exc import ArgumentError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]


engine = create_engine("sqlite:///autocommit.db")
Base.metadata.drop_all(engine)  # start empty, however often the file runs
Base.metadata.create_all(engine)
count_users = select(func.count()).select_from(User)

try:
    SessionFactory = sessionmaker(engine, autocommit=True)
    SessionFactory()  # (1)!
except ArgumentError as exc:
    print(type(exc).__name__, "-", exc)
    #> ArgumentError - autocommit=True is no longer supported

with Session(engine) as session:  # (2)!
    session.add(User(name="kim"))
    session.flush()
with Session(engine) as session:
    print("default, flushed but never committed:", session.scalar(count_users))
    #> default, flushed but never committed: 0


def rows_after_rollback(engine):
    autocommit_engine = engine.execution_options(isolation_level="AUTOCOMMIT")  # (3)!
    with Session(autocommit_engine) as session:
        session.add(User(name="lee"))
        session.flush()
        session.rollback()  # (4)!
    with Session(engine) as session:
        return session.scalar(count_users)


print("AUTOCOMMIT, flushed then rolled back:", rows_after_rollback(engine))
#> AUTOCOMMIT, flushed then rolled back: 1
engine.dispose()

modern = create_engine("sqlite:///autocommit2.db", connect_args={"autocommit": False})  # (5)!
Base.metadata.drop_all(modern)
Base.metadata.create_all(modern)
print('the same with connect_args={"autocommit": False}:', rows_after_rollback(modern))
#> the same with connect_args={"autocommit": False}: 0
modern.dispose()
