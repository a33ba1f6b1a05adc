# needs: sqlite+pysqlite (runs in a browser)
import logging

from sqlalchemy import create_engine, func, inspect, select, update
from sqlalchemy.exc import InvalidRequestError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    score: Mapped[int]


class Statements(logging.Handler):
    def emit(self, record):
        if not record.getMessage().startswith("["):  # skip the parameter lines
            statements.append(" ".join(record.getMessage().split()))


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as session:
    session.add_all([User(id=1, name="kim", score=10), User(id=2, name="lee", score=20)])
    session.commit()
statements, handler, log = [], Statements(), logging.getLogger("sqlalchemy.engine.Engine")
log.addHandler(handler)
log.setLevel(logging.INFO)


def strategy(criteria, setting):
    """The strategy the UPDATE ran with: 'fetch' adds RETURNING id on SQLite."""
    with Session(engine) as session:
        statements.clear()
        try:
            stmt = update(User).where(criteria).values(score=User.score)
            session.execute(stmt, execution_options={"synchronize_session": setting})
        except InvalidRequestError as exc:
            return type(exc).__name__
        return "fetch" if statements[-1].endswith("RETURNING id") else "evaluate"


CRITERIA = [
    User.name == "kim",
    User.name.in_(["kim", "lee"]),
    User.score + 5 > 12,
    User.name.is_(None),
    User.name.startswith("k"),
    User.name.like("k%"),  # (1)!
    User.name.contains("i"),
    func.lower(User.name) == "kim",
    User.id.in_(select(User.id).where(User.score > 12)),
]
for criteria in CRITERIA:
    sql = " ".join(str(criteria.compile(engine, compile_kwargs={"literal_binds": True})).split())
    print(f"{sql[:34]:<34} auto: {strategy(criteria, 'auto'):<8} evaluate: {strategy(criteria, 'evaluate')}")
    #> users.name = 'kim'                 auto: evaluate evaluate: evaluate
    #> users.name IN ('kim', 'lee')       auto: evaluate evaluate: evaluate
    #> users.score + 5 > 12               auto: evaluate evaluate: evaluate
    #> users.name IS NULL                 auto: evaluate evaluate: evaluate
    #> users.name LIKE 'k' || '%'         auto: evaluate evaluate: evaluate
    #> users.name LIKE 'k%'               auto: fetch    evaluate: InvalidRequestError
    #> users.name LIKE '%' || 'i' || '%'  auto: fetch    evaluate: InvalidRequestError
    #> lower(users.name) = 'kim'          auto: fetch    evaluate: InvalidRequestError
    #> users.id IN (SELECT users.id FROM  auto: fetch    evaluate: InvalidRequestError

VALUES = [("score", User.score * 2), ("name", User.name + "!"), ("name", func.upper(User.name))]
for key, value in VALUES:
    with Session(engine) as session:
        kim = session.get(User, 1)
        session.execute(update(User).where(User.id == 1).values({key: value}))  # (2)!
        loaded = key in inspect(kim).dict
        statements.clear()
        print(f"{value!s:<22} loaded: {loaded!s:<5} kim.{key}: {getattr(kim, key)!r}, {len(statements)} SELECT")
        #> users.score * :score_1 loaded: True  kim.score: 20, 0 SELECT
        #> users.name || :name_1  loaded: True  kim.name: 'kim!', 0 SELECT
        #> upper(users.name)      loaded: False kim.name: 'KIM', 1 SELECT
        session.rollback()

with Session(engine) as session:
    kim, lee = session.scalars(select(User).order_by(User.id)).all()
    session.commit()  # (3)!
    statements.clear()
    stmt = update(User).where(User.score > 15).values(score=0)
    session.execute(stmt, execution_options={"synchronize_session": "evaluate"})
    print([statement.split()[0] for statement in statements], "lee expired:", inspect(lee).expired, "lee.score:", lee.score)
    #> ['BEGIN', 'UPDATE'] lee expired: True lee.score: 0
    session.rollback()
log.removeHandler(handler)
log.setLevel(logging.WARNING)
engine.dispose()
