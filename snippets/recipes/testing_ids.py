# needs: postgresql+psycopg, sqlite+pysqlite
import os

from sqlalchemy import String, create_engine, func, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


class Ticket(Base):
    __tablename__ = "tickets"
    __table_args__ = ({"sqlite_autoincrement": True},)  # (1)!
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


def twenty_tests(engine, model):
    Base.metadata.drop_all(engine)
    Base.metadata.create_all(engine)
    ids, failures = [], 0
    for _ in range(20):  # each test inside the fixture's outer transaction
        with engine.connect() as connection:
            outer = connection.begin()
            with Session(bind=connection, join_transaction_mode="create_savepoint") as session:
                row = model(name="kim")
                session.add(row)
                session.commit()
                ids.append(row.id)
                found = session.scalar(select(model.name).where(model.id == row.id))  # (2)!
                failures += found != "kim"
            outer.rollback()
    with engine.connect() as conn:
        left = conn.scalar(select(func.count()).select_from(model))
    return ids, left, failures


engines = {
    "PostgreSQL": create_engine(os.environ["DATABASE_URL"]),
    "SQLite": create_engine("sqlite:///ids.db", connect_args={"autocommit": False}),  # (3)!
}
ids, left, failures = twenty_tests(engines["PostgreSQL"], User)
print(f"PostgreSQL: ids {ids[:3]} ... {ids[-1]}, tests that got id 1: {ids.count(1)}, rows left: {left}")  # (4)!
#> PostgreSQL: ids [1, 2, 3] ... 20, tests that got id 1: 1, rows left: 0
print(f"PostgreSQL, by the returned id: 20 tests, failures: {failures}")
#> PostgreSQL, by the returned id: 20 tests, failures: 0

ids, left, failures = twenty_tests(engines["SQLite"], User)
print(f"SQLite: ids {ids[:3]} ... {ids[-1]}, tests that got id 1: {ids.count(1)}, rows left: {left}")  # (5)!
#> SQLite: ids [1, 1, 1] ... 1, tests that got id 1: 20, rows left: 0
print(f"SQLite, by the returned id: 20 tests, failures: {failures}")
#> SQLite, by the returned id: 20 tests, failures: 0

ids, left, failures = twenty_tests(engines["SQLite"], Ticket)
print(f"SQLite AUTOINCREMENT: ids {ids[:3]} ... {ids[-1]}, rows left: {left}")  # (6)!
#> SQLite AUTOINCREMENT: ids [1, 1, 1] ... 1, rows left: 0
for engine in engines.values():
    engine.dispose()
