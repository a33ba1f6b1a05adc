# needs: sqlite+pysqlite (runs in a browser)
from sqlalchemy import create_engine, event, inspect, select, update
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
def capture(conn, cursor, statement, parameters, context, executemany):
    statements.append(" ".join(statement.split()))


def rename_behind_the_session(session, name):
    """Rename every row, leave the loaded objects alone, return what the database holds."""
    stmt = update(User).values(name=name).execution_options(synchronize_session=False)
    session.execute(stmt)
    stored = session.scalars(select(User.name).order_by(User.id)).all()
    statements.clear()
    return stored


with Session(engine) as session:
    kim, lee = User(name="kim"), User(name="lee")
    session.add_all([kim, lee])
    session.flush()

    print("database:", rename_behind_the_session(session, "A"))
    #> database: ['A', 'A']
    print("object:", kim.name, statements)  # (1)!
    #> object: kim []
    session.refresh(kim)  # (2)!
    print(kim.name, statements)
    #> A ['SELECT users.id, users.name FROM users WHERE users.id = ?']
    statements.clear()

    rename_behind_the_session(session, "B")
    session.expire(kim, ["name"])  # (3)!
    print(statements)
    #> []
    print(kim.name, statements)
    #> B ['SELECT users.name FROM users WHERE users.id = ?']

    session.expire_all()  # (4)!
    print(inspect(kim).expired, inspect(lee).expired, lee.name)
    #> True True B
engine.dispose()
