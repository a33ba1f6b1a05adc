# needs: sqlite+pysqlite (runs in a browser)
from pathlib import Path

from sqlalchemy import create_engine, event, func, select, text
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]


Path("flush_vs_commit.db").unlink(missing_ok=True)
engine = create_engine("sqlite:///flush_vs_commit.db")
Base.metadata.create_all(engine)
sent = []


@event.listens_for(engine, "before_cursor_execute")
def record(conn, cursor, statement, parameters, context, executemany):
    sent.append(statement)



def count_elsewhere():
    """Count rows through a second connection, outside the session's transaction."""
    with engine.connect() as other:
        return other.scalar(text("SELECT count(*) FROM users"))


with Session(engine) as session:
    session.add(User(name="kim"))
    session.flush()  # (1)!
    print(sent[-1])
    #> INSERT INTO users (name) VALUES (?)
    print(session.scalar(select(func.count()).select_from(User)))  # (2)!
    #> 1
    print(count_elsewhere())  # (3)!
    #> 0

    session.rollback()  # (4)!
    print(session.scalar(select(func.count()).select_from(User)))
    #> 0

    session.add(User(name="lee"))
    session.commit()  # (5)!
    print(count_elsewhere())
    #> 1

engine.dispose()
