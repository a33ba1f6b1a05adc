# needs: sqlite+pysqlite (runs in a browser)
from sqlalchemy import create_engine, inspect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, sessionmaker


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
SessionFactory = sessionmaker(engine, expire_on_commit=False)  # (1)!

with SessionFactory() as session:
    kim, lee = User(name="kim"), User(name="lee")
    session.add_all([kim, lee])
    session.commit()
    print(sorted(inspect(kim).expired_attributes))  # (2)!
    #> []

    kim.name = "kim-edited"
    session.rollback()  # (3)!
    print(sorted(inspect(kim).expired_attributes), sorted(inspect(lee).expired_attributes))
    #> ['id', 'name'] ['id', 'name']
    print(kim.name)  # (4)!
    #> kim

print(inspect(lee).detached, sorted(inspect(lee).expired_attributes))  # (5)!
#> True ['id', 'name']
