# needs: sqlite+pysqlite (runs in a browser)
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
find_han = select(User).where(User.name == "han")

with Session(engine) as session:  # (1)!
    han = User(name="han")
    session.add(han)
    print("autoflush=True, found:", session.scalar(find_han) is han)
    #> autoflush=True, found: True

with Session(engine, autoflush=False) as session:  # (2)!
    han = User(name="han")
    session.add(han)
    print("autoflush=False:", session.scalar(find_han))
    #> autoflush=False: None
    session.flush()  # (3)!
    print("after flush(), found:", session.scalar(find_han) is han)
    #> after flush(), found: True

with Session(engine) as session:
    han = User(id=7, name="han")
    session.add(han)
    with session.no_autoflush:  # (4)!
        print("no_autoflush:", session.scalar(find_han), session.get(User, 7))
        #> no_autoflush: None None
    print("after the block, get(User, 7):", session.get(User, 7) is han)  # (5)!
    #> after the block, get(User, 7): True
engine.dispose()
