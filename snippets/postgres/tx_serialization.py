# needs: postgresql+psycopg
import os

from sqlalchemy import create_engine, update
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker


# --8<-- [start:setup]
class Base(DeclarativeBase):
    pass


class Account(Base):
    __tablename__ = "accounts"
    id: Mapped[int] = mapped_column(primary_key=True)
    balance: Mapped[int]


engine = create_engine(os.environ["DATABASE_URL"])
Base.metadata.drop_all(engine)
Base.metadata.create_all(engine)
with Session(engine) as session:
    session.add(Account(id=1, balance=100))
    session.commit()
RepeatableRead = sessionmaker(engine.execution_options(isolation_level="REPEATABLE READ"))


def other_deposit():  # session B: adds 10 and commits
    with Session(engine) as b:
        b.execute(update(Account).where(Account.id == 1).values(balance=Account.balance + 10))
        b.commit()
# --8<-- [end:setup]


# --8<-- [start:error]
with RepeatableRead() as a:
    account = a.get(Account, 1)  # (1)!
    other_deposit()  # (2)!
    account.balance += 5
    try:
        a.commit()  # (3)!
    except OperationalError as exc:
        print(type(exc).__name__, type(exc.orig).__module__, type(exc.orig).__name__)
        #> OperationalError psycopg.errors SerializationFailure
        print(exc.orig.sqlstate, exc.orig.diag.message_primary)
        #> 40001 could not serialize access due to concurrent update
# --8<-- [end:error]


# --8<-- [start:retry]
def deposit(amount, attempt):  # one unit of work, from the start
    with RepeatableRead() as session:
        account = session.get(Account, 1)
        if attempt == 1:
            other_deposit()  # the race happens on the first attempt only
        account.balance += amount
        session.commit()


RETRY_SQLSTATES = {"40001", "40P01"}  # serialization failure, deadlock detected


def worth_retrying(exc):  # (1)!
    return exc.connection_invalidated or getattr(exc.orig, "sqlstate", None) in RETRY_SQLSTATES


for attempt in range(1, 4):  # (2)!
    try:
        deposit(5, attempt)
    except DBAPIError as exc:
        if not worth_retrying(exc):
            raise
        print(f"attempt {attempt}: {type(exc.orig).__name__}, retrying")
        #> attempt 1: SerializationFailure, retrying
        continue
    print(f"attempt {attempt}: committed")
    #> attempt 2: committed
    break
else:
    raise RuntimeError("gave up after 3 attempts")

with Session(engine) as session:
    print(session.get(Account, 1).balance)  # (3)!
    #> 125
# --8<-- [end:retry]
engine.dispose()
