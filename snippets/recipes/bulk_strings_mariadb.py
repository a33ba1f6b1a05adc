# needs: mysql+pymysql
import os

from sqlalchemy import String, create_engine, select, text, update
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(30))
    score: Mapped[int]


engine = create_engine(os.environ["MARIADB_URL"])
Base.metadata.drop_all(engine)
Base.metadata.create_all(engine)
table = User.__table__
COLLATION = "SELECT collation_name FROM information_schema.columns WHERE table_schema = DATABASE() AND column_name = 'name'"
with engine.connect() as conn:
    print("users.name collation:", conn.scalar(text(COLLATION)))  # (1)!
    #> users.name collation: utf8mb4_general_ci
CRITERIA = {
    'name == "kim"': User.name == "kim",
    'name.startswith("k")': User.name.startswith("k"),
    'name.startswith("k_")': User.name.startswith("k_"),
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
        rows = dict(session.execute(select(table.c.name, table.c.score).order_by(table.c.id)).all())
        stale = [user.name for user in users if user.score != rows[user.name]]
        session.rollback()
    return ",".join(name for name, score in rows.items() if score == 0) or "-", ",".join(stale) or "-"


for label, criteria in CRITERIA.items():
    changed, auto_stale = run(criteria, "auto")
    print(f"{label:<33} rows: {changed} | stale: auto {auto_stale}, fetch {run(criteria, 'fetch')[1]}")
    #> name == "kim"                     rows: Kim | stale: auto Kim, fetch -
    #> name.startswith("k")              rows: Kim,kang | stale: auto Kim, fetch -
    #> name.startswith("k_")             rows: Kim,kang | stale: auto Kim,kang, fetch -
    #> startswith("k_", autoescape=True) rows: - | stale: auto -, fetch -
engine.dispose()
