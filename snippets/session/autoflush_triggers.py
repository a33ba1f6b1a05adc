# needs: sqlite+pysqlite (runs in a browser)
from sqlalchemy import create_engine, select, text, update
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

operations = {
    "execute(select(User))": lambda s, kim: s.execute(select(User)).all(),
    "scalars(select(User))": lambda s, kim: s.scalars(select(User)).all(),
    "execute(text(...))": lambda s, kim: s.execute(text("SELECT 1")).all(),
    "execute(update(User))": lambda s, kim: s.execute(update(User).values(name="x")),
    "query(User).all()": lambda s, kim: s.query(User).all(),
    "get(User, 2), the pending pk": lambda s, kim: s.get(User, 2),
    "get(User, 1), in identity map": lambda s, kim: s.get(User, 1),
    "refresh(kim)": lambda s, kim: s.refresh(kim),
    "kim.name after expire(kim)": lambda s, kim: (s.expire(kim), kim.name),
    "merge(User(id=1, ...))": lambda s, kim: s.merge(User(id=1, name="kim")),
    "connection().execute(...)": lambda s, kim: s.connection().execute(text("SELECT 1")),
}

for label, operation in operations.items():
    with Session(engine) as session:
        kim = session.get(User, 1)  # (1)!
        lee = User(id=2, name="lee")
        session.add(lee)
        operation(session, kim)
        print(f"{label:32} flushed: {lee not in session.new}")
        #> execute(select(User))            flushed: True
        #> scalars(select(User))            flushed: True
        #> execute(text(...))               flushed: True
        #> execute(update(User))            flushed: True
        #> query(User).all()                flushed: True
        #> get(User, 2), the pending pk     flushed: True
        #> get(User, 1), in identity map    flushed: False
        #> refresh(kim)                     flushed: True
        #> kim.name after expire(kim)       flushed: True
        #> merge(User(id=1, ...))           flushed: True
        #> connection().execute(...)        flushed: False
engine.dispose()
