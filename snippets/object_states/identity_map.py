# needs: sqlite+pysqlite (runs in a browser)
import gc

from sqlalchemy import create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as session:
    session.add(User(id=1, name="kim"))
    session.commit()

with Session(engine) as session_a, Session(engine) as session_b:
    a = session_a.get(User, 1)
    a2 = session_a.scalars(select(User).where(User.name == "kim")).one()  # (1)!
    print(a is a2)
    #> True
    print([key[1] for key in session_a.identity_map])  # (2)!
    #> [(1,)]

    b = session_b.get(User, 1)  # (3)!
    print(a is b, a.id == b.id)
    #> False True

    a.name = "changed in A"  # (4)!
    print(b.name)
    #> kim

    del b
    gc.collect()
    print(len(session_b.identity_map))  # (5)!
    #> 0
