# needs: sqlite+pysqlite (runs in a browser)
# --8<-- [start:setup]
from sqlalchemy import create_engine, event, func, select
from sqlalchemy.exc import InvalidRequestError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
SessionFactory = sessionmaker(engine)

log = []
for name in ("begin", "commit", "rollback"):
    event.listen(engine, name, lambda conn, name=name: log.append(name.upper()))


def outcome():
    """What the engine saw since the last call, and how many rows are stored."""
    seen = log.copy()
    with engine.connect() as conn:
        rows = conn.scalar(select(func.count()).select_from(User))
    log.clear()
    return f"{seen} rows={rows}"
# --8<-- [end:setup]


# --8<-- [start:session-begin]
with Session(engine) as session, session.begin():
    session.add(User(name="kim"))
print(outcome())  # (1)!
#> ['BEGIN', 'COMMIT'] rows=1

try:
    with Session(engine) as session, session.begin():
        session.add(User(name="lee"))
        session.flush()
        raise ValueError("boom")
except ValueError:
    pass
print(outcome())  # (2)!
#> ['BEGIN', 'ROLLBACK'] rows=1
# --8<-- [end:session-begin]

# --8<-- [start:factory-begin]
with SessionFactory.begin() as session:  # (1)!
    session.add(User(name="park"))
print(outcome())
#> ['BEGIN', 'COMMIT'] rows=2
# --8<-- [end:factory-begin]

# --8<-- [start:explicit]
with SessionFactory() as session:
    session.add(User(name="choi"))
    session.commit()  # (1)!
    session.add(User(name="jung"))
    session.flush()
    session.rollback()  # (2)!
    session.add(User(name="kang"))
    session.flush()
print(outcome())  # (3)!
#> ['BEGIN', 'COMMIT', 'BEGIN', 'ROLLBACK', 'BEGIN', 'ROLLBACK'] rows=3
# --8<-- [end:explicit]

# --8<-- [start:begin-too-late]
with Session(engine) as session:
    session.add(User(name="yoon"))  # (1)!
    try:
        session.begin()
    except InvalidRequestError as exc:
        print(exc)
        #> A transaction is already begun on this Session.
# --8<-- [end:begin-too-late]
engine.dispose()
