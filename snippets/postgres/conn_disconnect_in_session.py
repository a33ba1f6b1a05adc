# needs: postgresql+psycopg
import os

from sqlalchemy import create_engine, exc, func, select, text
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class Order(Base):
    __tablename__ = "orders"
    id: Mapped[int] = mapped_column(primary_key=True)
    item: Mapped[str]


url = os.environ["DATABASE_URL"]
admin = create_engine(url)
engine = create_engine(url, pool_pre_ping=True)  # (1)!
Base.metadata.drop_all(engine)
Base.metadata.create_all(engine)

session = Session(engine)
session.add(Order(item="book"))
session.flush()  # the transaction has begun: the INSERT is sent
backend = session.scalar(text("select pg_backend_pid()"))
with admin.connect() as conn:
    conn.scalar(text("select pg_terminate_backend(:pid, 5000)"), {"pid": backend})  # (2)!

session.add(Order(item="pen"))
try:
    session.commit()  # (3)!
except exc.OperationalError as error:
    print(type(error.orig).__name__, error.connection_invalidated)
    #> AdminShutdown True

try:
    session.commit()  # (4)!
except exc.PendingRollbackError as error:
    print(str(error).split(". ")[0])
    '''
    This Session's transaction has been rolled back due to a previous exception during flush
    '''

session.rollback()  # (5)!
print("orders saved:", session.scalar(select(func.count()).select_from(Order)))
#> orders saved: 0
session.close()
engine.dispose()
admin.dispose()
