# needs: mysql+pymysql
import os

from sqlalchemy import String, create_engine, delete, insert, inspect, select, update
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, load_only, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(30))
    team: Mapped[str] = mapped_column(String(10))
    score: Mapped[int]


engine = create_engine(os.environ["MARIADB_URL"])
Base.metadata.drop_all(engine)
Base.metadata.create_all(engine)
table = User.__table__
ROWS = [{"id": 1, "name": "Kim", "team": "a", "score": 1}, {"id": 2, "name": "kang", "team": "a", "score": 2},
        {"id": 3, "name": "lee", "team": "b", "score": 3}]
FULL = select(User).order_by(User.id)
LIST_PAGE = select(User).options(load_only(User.name, User.score)).order_by(User.id)
REQUESTS = [
    (FULL, ["kim", "Kim", "KIM", "lee"], lambda v: update(User).where(User.name == v).values(score=User.score + 1)),
    (FULL, ["k", "K", "k_", "l"], lambda v: update(User).where(User.name.startswith(v)).values(score=0)),
    (LIST_PAGE, ["a", "b", "a", "c"], lambda v: update(User).where(User.team == v).values(score=User.score * 2)),
    (LIST_PAGE, ["b", "a", "c", "b"], lambda v: delete(User).where(User.team == v)),
    (FULL, ["KIM", "lee", "kang", "x"], lambda v: delete(User).where(User.name.in_([v, "nobody"]))),
    (FULL, [0, 1, 2, 3], lambda v: update(User).where(User.score > v).values(score=User.score - 1)),
]


def stale(session, loaded):
    """Loaded objects that disagree with their row: the check reads the rows, not the objects."""
    rows = {row.id: row._mapping for row in session.execute(select(table))}
    count = 0
    for obj in loaded:
        state = inspect(obj)
        key = state.identity[0]
        if state.deleted or state.was_deleted:  # the session says the row is gone
            count += key in rows
        elif key not in rows:  # the session says it is there; reading it raises ObjectDeletedError
            count += 1
        else:  # every value the object holds, without loading anything
            count += any(rows[key][name] != state.dict[name] for name in ("name", "team", "score") if name in state.dict)
    return count


def request(number, setting):
    with engine.begin() as conn:  # the same rows before every request
        conn.execute(delete(table))
        conn.execute(insert(table), ROWS)
    query, inputs, statement = REQUESTS[number % len(REQUESTS)]
    with Session(engine) as session:
        loaded = session.scalars(query).all()
        session.execute(statement(inputs[number // len(REQUESTS)]), execution_options={"synchronize_session": setting})
        wrong = stale(session, loaded)
        session.commit()
    return wrong


for setting in ("auto", False, "fetch"):
    failures = sum(request(number, setting) > 0 for number in range(24))
    print(f"{setting}: 24 requests, failures: {failures}")
    #> auto: 24 requests, failures: 13
    #> False: 24 requests, failures: 20
    #> fetch: 24 requests, failures: 0
engine.dispose()
