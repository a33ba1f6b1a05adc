# needs: postgresql+psycopg
import logging
import os

from sqlalchemy import String, create_engine, delete, insert, inspect, select, update
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    team: Mapped[str] = mapped_column(String(10))
    score: Mapped[int]


class Statements(logging.Handler):
    def emit(self, record):
        if not record.getMessage().startswith("["):  # skip the parameter lines
            statements.append(" ".join(record.getMessage().split()))


engine = create_engine(os.environ["DATABASE_URL"])
Base.metadata.drop_all(engine)
Base.metadata.create_all(engine)
table = User.__table__
with engine.begin() as conn:
    conn.execute(insert(table), [{"id": 1, "team": "a", "score": 10}, {"id": 2, "team": "a", "score": 20}])
statements, handler, log = [], Statements(), logging.getLogger("sqlalchemy.engine.Engine")
log.addHandler(handler)
log.setLevel(logging.INFO)
FETCH = {"synchronize_session": "fetch"}

with Session(engine) as session:
    kim, lee = session.scalars(select(User).order_by(User.id)).all()
    with engine.begin() as other:
        other.execute(update(table).where(table.c.id == 2).values(team="b"))
    statements.clear()
    session.execute(update(User).where(User.team == "b").values(score=0), execution_options=FETCH)
    print("\n".join(statements))
    '''
    UPDATE users SET score=%(score)s::INTEGER WHERE users.team = %(team_1)s::VARCHAR RETURNING users.id
    '''
    rows = session.scalars(select(table.c.score).order_by(table.c.id)).all()
    print(f"lee.team={lee.team!r} lee.score={lee.score} | rows: {rows}")
    #> lee.team='a' lee.score=0 | rows: [10, 0]
    statements.clear()
    session.execute(delete(User).where(User.team == "b"), execution_options=FETCH)
    print("\n".join(statements))
    #> DELETE FROM users WHERE users.team = %(team_1)s::VARCHAR RETURNING users.id
    print("lee deleted:", inspect(lee).deleted)
    #> lee deleted: True
log.removeHandler(handler)
log.setLevel(logging.WARNING)
engine.dispose()
