# needs: sqlite+pysqlite (runs in a browser)
from sqlalchemy import create_engine, delete, inspect, select, update
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, load_only, mapped_column
from sqlalchemy.orm.exc import ObjectDeletedError


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    team: Mapped[str]
    score: Mapped[int]


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as session:
    session.add_all([User(id=1, name="kim", team="a", score=10), User(id=2, name="lee", team="b", score=20)])
    session.commit()
LIST_PAGE = select(User).options(load_only(User.name, User.score)).order_by(User.id)  # (1)!

for setting in ("auto", "fetch"):
    with Session(engine) as session:
        kim, lee = session.scalars(LIST_PAGE).all()
        stmt = update(User).where(User.team == "a").values(score=User.score + 1)
        session.execute(stmt, execution_options={"synchronize_session": setting})
        rows = session.scalars(select(User.__table__.c.score).order_by(User.id)).all()
        print(f"UPDATE {setting:<5} kim.score={kim.score} lee.score={lee.score} | rows: {rows}")  # (2)!
        #> UPDATE auto  kim.score=11 lee.score=21 | rows: [11, 20]
        #> UPDATE fetch kim.score=11 lee.score=20 | rows: [11, 20]
        session.rollback()

for setting in ("auto", "fetch"):
    with Session(engine) as session:
        kim, lee = session.scalars(LIST_PAGE).all()
        session.execute(delete(User).where(User.team == "a"), execution_options={"synchronize_session": setting})
        state = "deleted" if inspect(kim).deleted else f"persistent, expired={inspect(kim).expired}"
        try:
            name = repr(kim.name)
        except ObjectDeletedError as exc:
            name = type(exc).__name__
        print(f"DELETE {setting:<5} kim: {state}, kim.name: {name}")  # (3)!
        #> DELETE auto  kim: persistent, expired=True, kim.name: ObjectDeletedError
        #> DELETE fetch kim: deleted, kim.name: 'kim'
        session.rollback()
engine.dispose()
