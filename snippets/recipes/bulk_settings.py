# needs: sqlite+pysqlite (runs in a browser)
import logging

from sqlalchemy import create_engine, delete, inspect, select, update
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column
from sqlalchemy.orm.exc import ObjectDeletedError


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    score: Mapped[int]


class Statements(logging.Handler):  # (1)!
    def emit(self, record):
        if not record.getMessage().startswith("["):  # skip the parameter lines
            statements.append(" ".join(record.getMessage().split()))


def short(statement):
    return statement.split()[0] + (" ... RETURNING id" if statement.endswith("RETURNING id") else "")


def state_of(obj):
    state = inspect(obj)
    return next(name for name in ("persistent", "deleted", "detached") if getattr(state, name))


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
statements, handler, log = [], Statements(), logging.getLogger("sqlalchemy.engine.Engine")
log.addHandler(handler)
log.setLevel(logging.INFO)
SETTINGS = ["auto", "evaluate", "fetch", False]
before, after, read, sql = {}, {}, {}, {}

for setting in SETTINGS:
    with Session(engine) as session:
        session.add_all([User(id=1, name="kim", score=10), User(id=2, name="lee", score=20)])
        session.commit()
        kim, lee = session.scalars(select(User).order_by(User.id)).all()  # both loaded
        statements.clear()
        session.execute(
            update(User).where(User.name == "kim").values(score=User.score + 1),
            execution_options={"synchronize_session": setting},
        )
        session.execute(delete(User).where(User.name == "lee"), execution_options={"synchronize_session": setting})
        sql[setting] = list(statements)
        before[setting] = f"kim.score={kim.score}, lee: {state_of(lee)}, in session: {lee in session}"  # (2)!
        session.commit()  # (3)!
        statements.clear()
        try:
            name = repr(lee.name)
        except ObjectDeletedError as exc:
            name = type(exc).__name__
        sent = " ".join(statement.split()[0] for statement in statements) or "none"
        after[setting] = f"lee: {state_of(lee)}, was_deleted={inspect(lee).was_deleted}"
        read[setting] = f"lee.name: {name}, SQL: {sent}"
        session.execute(delete(User))
        session.commit()

for setting in SETTINGS:
    print(f"{setting!s:<8} {before[setting]}")
    #> auto     kim.score=11, lee: deleted, in session: False
    #> evaluate kim.score=11, lee: deleted, in session: False
    #> fetch    kim.score=11, lee: deleted, in session: False
    #> False    kim.score=10, lee: persistent, in session: True
for setting in SETTINGS:
    print(f"{setting!s:<8} {after[setting]}")  # (4)!
    #> auto     lee: detached, was_deleted=True
    #> evaluate lee: detached, was_deleted=True
    #> fetch    lee: detached, was_deleted=True
    #> False    lee: persistent, was_deleted=False
for setting in SETTINGS:
    print(f"{setting!s:<8} {read[setting]}")
    #> auto     lee.name: 'lee', SQL: none
    #> evaluate lee.name: 'lee', SQL: none
    #> fetch    lee.name: 'lee', SQL: none
    #> False    lee.name: ObjectDeletedError, SQL: BEGIN SELECT
for setting in SETTINGS:
    print(f"{setting!s:<8}", ", ".join(short(statement) for statement in sql[setting]))
    #> auto     UPDATE, DELETE
    #> evaluate UPDATE, DELETE
    #> fetch    UPDATE ... RETURNING id, DELETE ... RETURNING id
    #> False    UPDATE, DELETE
print(sql["fetch"])  # (5)!
'''
[
    'UPDATE users SET score=(users.score + ?) WHERE users.name = ? RETURNING id',
    'DELETE FROM users WHERE users.name = ? RETURNING id',
]
'''
log.removeHandler(handler)
log.setLevel(logging.WARNING)
engine.dispose()
