# needs: sqlite+pysqlite (runs in a browser)
from sqlalchemy import create_engine, event, select, update
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
    statements.append(statement.split()[0])


with Session(engine) as session:
    kim = User(name="kim")
    session.add(kim)
    session.flush()
    stmt = update(User).values(name="A").execution_options(synchronize_session=False)
    session.execute(stmt)  # (1)!
    statements.clear()

    again = session.scalars(select(User)).one()  # (2)!
    print(again is kim, kim.name, statements)
    #> True kim ['SELECT']
    fresh = select(User).execution_options(populate_existing=True)
    session.scalars(fresh).one()  # (3)!
    print(kim.name)
    #> A

    kim.name = "edited"
    with session.no_autoflush:
        session.scalars(fresh).one()  # (4)!
    print(kim.name, len(session.dirty))
    #> A 0
engine.dispose()
