# needs: sqlite+pysqlite (runs in a browser)
from sqlalchemy import create_engine, event, inspect
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]


def state(obj):
    insp = inspect(obj)
    for name in ("transient", "pending", "persistent", "deleted", "detached"):
        if getattr(insp, name):
            return name


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
selects = []


@event.listens_for(engine, "before_cursor_execute")
def record(conn, cursor, statement, parameters, context, executemany):
    if statement.startswith("SELECT"):
        selects.append(statement)


with Session(engine) as session:
    session.add(User(id=1, name="kim"))
    session.commit()
    user = session.get(User, 1)  # loaded, then detached when the block ends

user.name = "edited while detached"
with Session(engine) as session:
    selects.clear()
    merged = session.merge(user)  # (1)!
    print(merged is user, state(merged), state(user), len(selects))
    #> False persistent detached 1

with Session(engine) as session:
    existing = session.get(User, 1)
    merged = session.merge(user)  # (2)!
    print(merged is existing, existing.name, existing in session.dirty)
    #> True edited while detached True

    new = session.merge(User(id=2, name="lee"))  # (3)!
    print(state(new))
    #> pending
