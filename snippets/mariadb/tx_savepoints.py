# needs: mysql+pymysql
import os

from sqlalchemy import String, create_engine, event, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(20), unique=True)


engine = create_engine(os.environ["MARIADB_URL"])
Base.metadata.drop_all(engine)
Base.metadata.create_all(engine)
sent = []


@event.listens_for(engine, "before_cursor_execute")
def record(conn, cursor, statement, parameters, context, executemany):
    if "SAVEPOINT" in statement:
        sent.append(statement)


with Session(engine) as session:
    session.add(User(name="kim"))
    try:
        with session.begin_nested():  # (1)!
            session.add(User(name="kim"))
    except IntegrityError as exc:
        print(type(exc).__name__, exc.orig.args)  # (2)!
        #> IntegrityError (1062, "Duplicate entry 'kim' for key 'name'")
    session.add(User(name="lee"))
    session.commit()  # (3)!
print(sent)
#> ['SAVEPOINT sa_savepoint_1', 'ROLLBACK TO SAVEPOINT sa_savepoint_1']
with Session(engine) as session:
    print(session.scalars(select(User.name).order_by(User.name)).all())
    #> ['kim', 'lee']
engine.dispose()
