# needs: sqlite+pysqlite (runs in a browser)
from sqlalchemy import create_engine, event, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(unique=True)


engine = create_engine("sqlite://", connect_args={"autocommit": False})  # (1)!
Base.metadata.create_all(engine)
log = []
for name in ("savepoint", "rollback_savepoint", "release_savepoint"):
    event.listen(engine, name, lambda *args, name=name: log.append(name.upper()))

batches = [["lee"], ["choi", "kim"], ["park"]]
with Session(engine) as session:
    session.add(User(name="kim"))
    for batch in batches:
        try:
            with session.begin_nested():  # (2)!
                session.add_all([User(name=name) for name in batch])
        except IntegrityError:  # (3)!
            pass
        print(batch, log.pop())
        #> ['lee'] RELEASE_SAVEPOINT
        #> ['choi', 'kim'] ROLLBACK_SAVEPOINT
        #> ['park'] RELEASE_SAVEPOINT
    session.commit()  # (4)!

with Session(engine) as session:
    print(session.scalars(select(User.name).order_by(User.id)).all())
    #> ['kim', 'lee', 'park']
engine.dispose()
