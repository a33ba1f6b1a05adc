# needs: sqlite+pysqlite (runs in a browser)
from sqlalchemy import create_engine, event
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
event.listen(engine, "before_cursor_execute", lambda conn, cursor, statement, *args: sent.append(statement))
with Session(engine) as session:
    session.add(User(id=1, name="kim"))
    session.commit()
    session.get(User, 1)  # commit() expired kim, so get() loads the row again
    print(" ".join(sent[-1].split()))
    '''
    SELECT users.id AS users_id, users.name AS users_name FROM users WHERE users.id = ?
    '''
