# needs: sqlite+pysqlite (runs in a browser)
from sqlalchemy import create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]

    def __repr__(self):
        return f"User({self.name!r})"


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as session:
    session.add_all([User(name="han"), User(name="oh")])
    session.commit()

with Session(engine) as session:
    han = session.scalars(select(User).filter_by(name="han")).one()
    oh = session.scalars(select(User).filter_by(name="oh")).one()
    session.add(User(name="lee"))  # (1)!
    han.name = "han-edited"  # (2)!
    session.delete(oh)  # (3)!
    print(list(session.new), list(session.dirty), list(session.deleted))
    #> [User('lee')] [User('han-edited')] [User('oh')]

    session.flush()  # (4)!
    print(list(session.new), list(session.dirty), list(session.deleted))
    #> [] [] []
    print(sorted(session.scalars(select(User.name))))
    #> ['han-edited', 'lee']

    lee = session.scalars(select(User).filter_by(name="lee")).one()
    lee.name = "lee"  # (5)!
    print(lee in session.dirty, session.is_modified(lee))
    #> True False
