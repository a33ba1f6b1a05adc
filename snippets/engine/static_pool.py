from sqlalchemy import create_engine, func, select, text
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column
from sqlalchemy.pool import StaticPool


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]


def rows_kept(engine):
    Base.metadata.drop_all(engine)
    Base.metadata.create_all(engine)
    with Session(engine) as a, Session(engine) as b:
        a.add(User(name="kim"))
        a.flush()  # (1)!
        b.execute(text("select 1"))
        b.rollback()  # (2)!
        a.commit()
    with Session(engine) as check:
        rows = check.scalar(select(func.count()).select_from(User))
    engine.dispose()
    return rows


static = create_engine(
    "sqlite://", poolclass=StaticPool, connect_args={"check_same_thread": False}
)
print("StaticPool:", rows_kept(static))
#> StaticPool: 0
shared = create_engine("sqlite:///file::memory:?cache=shared&uri=true")  # (3)!
print(type(shared.pool).__name__ + ":", rows_kept(shared))
#> QueuePool: 1
