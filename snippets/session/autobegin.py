# needs: sqlite+pysqlite (runs in a browser)
from sqlalchemy import create_engine, event, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)

events = []
for name in ("begin", "commit", "rollback"):
    event.listen(engine, name, lambda conn, name=name: events.append(name.upper()))

with Session(engine) as session:
    print(session.in_transaction(), events)  # (1)!
    #> False []
    kim = User(name="kim")
    session.add(kim)
    print(session.in_transaction(), events)  # (2)!
    #> True []
    session.scalars(select(User)).all()
    print(session.in_transaction(), events)  # (3)!
    #> True ['BEGIN']
    session.commit()
    print(session.in_transaction(), events)  # (4)!
    #> False ['BEGIN', 'COMMIT']
    session.get(User, 1)
    print(session.in_transaction(), events)  # (5)!
    #> True ['BEGIN', 'COMMIT', 'BEGIN']
print(events)  # (6)!
#> ['BEGIN', 'COMMIT', 'BEGIN', 'ROLLBACK']

with Session(engine, expire_on_commit=False) as session:
    kim = session.get(User, 1)
    session.commit()
    events.clear()
    session.get(User, 1)
    print(session.in_transaction(), events)  # (7)!
    #> False []
engine.dispose()
