# needs: sqlite+pysqlite (runs in a browser)
from sqlalchemy import create_engine, event, inspect
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
statements = []


@event.listens_for(engine, "before_cursor_execute")
def record(conn, cursor, statement, parameters, context, executemany):
    statements.append(statement)


with Session(engine) as session:
    user = User(name="kim")
    session.add(user)
    session.commit()  # (1)!
    print(inspect(user).persistent, sorted(inspect(user).expired_attributes))
    #> True ['id', 'name']

    statements.clear()
    print(user.name)  # (2)!
    #> kim
    print(len(statements), " ".join(statements[0].split()))
    #> 1 SELECT users.id, users.name FROM users WHERE users.id = ?
    print(sorted(inspect(user).expired_attributes))
    #> []

    session.expire(user, ["name"])  # (3)!
    print(sorted(inspect(user).expired_attributes))
    #> ['name']
