# needs: sqlite+pysqlite (runs in a browser)
from sqlalchemy import create_engine, event, select, text
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
sent = []


@event.listens_for(engine, "before_cursor_execute")
def record(conn, cursor, statement, parameters, context, executemany):
    sent.append(statement.split()[0])


with Session(engine) as session:
    session.add(User(id=1, name="kim"))
    session.commit()

    user = session.get(User, 1)
    sent.clear()
    print(session.get(User, 1) is user, sent)  # (1)!
    #> True []

    session.execute(text("UPDATE users SET name = 'changed elsewhere'"))  # (2)!
    sent.clear()
    again = session.scalars(select(User).where(User.id == 1)).one()
    print(again is user, user.name, sent)  # (3)!
    #> True kim ['SELECT']

    with session.no_autoflush:
        user.name = "my unflushed change"  # (4)!
        session.scalars(select(User)).all()
        print(user.name)
        #> my unflushed change
        session.scalars(select(User).execution_options(populate_existing=True)).all()
        print(user.name)  # (5)!
        #> changed elsewhere
