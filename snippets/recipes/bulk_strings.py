# needs: sqlite+pysqlite (runs in a browser)
from sqlalchemy import String, create_engine, select, update
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(30))
    score: Mapped[int]


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
table = User.__table__
CRITERIA = {
    'name == "kim"': User.name == "kim",
    'name.startswith("k")': User.name.startswith("k"),  # (1)!
    'name.startswith("k_")': User.name.startswith("k_"),  # (2)!
    'startswith("k_", autoescape=True)': User.name.startswith("k_", autoescape=True),
}


def run(criteria, setting):
    """Which rows the UPDATE changed, and which loaded objects still show the old score."""
    with Session(engine) as session:
        session.add_all([User(id=1, name="Kim", score=1), User(id=2, name="kang", score=2), User(id=3, name="lee", score=3)])
        session.flush()
        users = session.scalars(select(User).order_by(User.id)).all()
        stmt = update(User).where(criteria).values(score=0)
        session.execute(stmt, execution_options={"synchronize_session": setting})
        rows = dict(session.execute(select(table.c.name, table.c.score).order_by(table.c.id)).all())  # (3)!
        stale = [user.name for user in users if user.score != rows[user.name]]
        session.rollback()
    return ",".join(name for name, score in rows.items() if score == 0) or "-", ",".join(stale) or "-"


for label, criteria in CRITERIA.items():
    changed, auto_stale = run(criteria, "auto")
    print(f"{label:<33} rows: {changed} | stale: auto {auto_stale}, fetch {run(criteria, 'fetch')[1]}")
    #> name == "kim"                     rows: - | stale: auto -, fetch -
    #> name.startswith("k")              rows: Kim,kang | stale: auto Kim, fetch -
    #> name.startswith("k_")             rows: Kim,kang | stale: auto Kim,kang, fetch -
    #> startswith("k_", autoescape=True) rows: - | stale: auto -, fetch -
engine.dispose()
