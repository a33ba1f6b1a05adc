# needs: postgresql+psycopg
import os

from sqlalchemy import create_engine, exc, select, text
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class Order(Base):
    __tablename__ = "orders"
    id: Mapped[int] = mapped_column(primary_key=True)
    item: Mapped[str]


url = os.environ["DATABASE_URL"]
admin = create_engine(url)
engine = create_engine(url, pool_pre_ping=True)
Base.metadata.drop_all(engine)
Base.metadata.create_all(engine)
outages = 1  # the simulated outage strikes once


def place_order(session):  # (1)!
    global outages
    session.add(Order(item="book"))
    session.flush()
    if outages:  # the server drops the connection in the middle of the transaction
        outages -= 1
        backend = session.scalar(text("select pg_backend_pid()"))
        with admin.connect() as conn:
            conn.scalar(text("select pg_terminate_backend(:pid, 5000)"), {"pid": backend})
    session.add(Order(item="pen"))


def run_with_retry(work, attempts=3):
    for attempt in range(1, attempts + 1):
        with Session(engine) as session:  # (2)!
            try:
                work(session)
                session.commit()
                return attempt
            except exc.DBAPIError as error:
                session.rollback()  # (3)!
                if not error.connection_invalidated or attempt == attempts:  # (4)!
                    raise
                print(f"attempt {attempt}: connection lost, {type(error.orig).__name__}")
                #> attempt 1: connection lost, AdminShutdown


print("committed on attempt", run_with_retry(place_order))
#> committed on attempt 2
with Session(engine) as session:
    print(session.scalars(select(Order.item).order_by(Order.id)).all())
    #> ['book', 'pen']
engine.dispose()
admin.dispose()
