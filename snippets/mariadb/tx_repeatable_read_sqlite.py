# needs: sqlite+pysqlite
from sqlalchemy import String, create_engine, select, update
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class Order(Base):
    __tablename__ = "orders"
    id: Mapped[int] = mapped_column(primary_key=True)
    status: Mapped[str] = mapped_column(String(20))


status = select(Order.status).where(Order.id == 1)


def run(**connect_args):  # the same two sessions as on MariaDB, on a database file
    engine = create_engine("sqlite:///orders.db", connect_args={"timeout": 0.2, **connect_args})
    Base.metadata.drop_all(engine)
    Base.metadata.create_all(engine)
    with Session(engine) as session:
        session.add(Order(id=1, status="new"))
        session.commit()
    with Session(engine) as reader:
        seen = [reader.scalar(status)]
        with Session(engine) as writer:
            writer.execute(update(Order).where(Order.id == 1).values(status="paid"))
            try:
                writer.commit()
                seen.append("writer committed")
            except OperationalError as exc:
                seen.append(f"writer: {exc.orig}")
        seen.append(reader.scalar(status))
    engine.dispose()
    return seen


print("legacy mode:", run())  # (1)!
#> legacy mode: ['new', 'writer committed', 'paid']
print("autocommit=False:", run(autocommit=False))  # (2)!
#> autocommit=False: ['new', 'writer: database is locked', 'new']
