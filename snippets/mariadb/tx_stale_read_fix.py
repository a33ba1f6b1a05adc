# needs: mysql+pymysql
import itertools
import os

from sqlalchemy import String, create_engine, select, update
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class Order(Base):
    __tablename__ = "orders"
    id: Mapped[int] = mapped_column(primary_key=True)
    status: Mapped[str] = mapped_column(String(20))


REQUESTS = 20
engine = create_engine(os.environ["MARIADB_URL"])
Base.metadata.drop_all(engine)
Base.metadata.create_all(engine)
with Session(engine) as session:
    session.add(Order(id=1, status="new"))
    session.commit()
status = select(Order.status).where(Order.id == 1)
versions = itertools.count()


def requests(read):  # each round: a request commits a change, then another request reads it
    stale = 0
    for _ in range(REQUESTS):
        new = f"v{next(versions)}"
        with Session(engine) as writer:
            writer.execute(update(Order).where(Order.id == 1).values(status=new))
            writer.commit()
        stale += read() != new  # (1)!
    return stale


shared = Session(engine)  # (2)!
print(f"one session for every request: {REQUESTS} requests, failures: {requests(lambda: shared.scalar(status))}")
#> one session for every request: 20 requests, failures: 19
shared.close()


def read_in_own_session():  # (3)!
    with Session(engine) as session:
        return session.scalar(status)


print(f"a session per request: {REQUESTS} requests, failures: {requests(read_in_own_session)}")
#> a session per request: 20 requests, failures: 0


def read_then_end_transaction():  # (4)!
    value = shared.scalar(status)
    shared.rollback()
    return value


shared = Session(engine)
print(f"one session, rollback() per request: {REQUESTS} requests, failures: {requests(read_then_end_transaction)}")
#> one session, rollback() per request: 20 requests, failures: 0
shared.close()

shared = Session(engine.execution_options(isolation_level="READ COMMITTED"))  # (5)!
print(f"READ COMMITTED, column reads: {REQUESTS} requests, failures: {requests(lambda: shared.scalar(status))}")
#> READ COMMITTED, column reads: 20 requests, failures: 0
order = shared.scalars(select(Order)).one()  # (6)!
objects = requests(lambda: shared.scalars(select(Order)).one().status)
print(f"READ COMMITTED, Order objects: {REQUESTS} requests, failures: {objects}")
#> READ COMMITTED, Order objects: 20 requests, failures: 20
shared.close()
engine.dispose()
