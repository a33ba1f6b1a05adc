# needs: mysql+pymysql
import os
import threading

from sqlalchemy import create_engine, func, select, text, update
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class Account(Base):
    __tablename__ = "accounts"
    id: Mapped[int] = mapped_column(primary_key=True)
    balance: Mapped[int]


engine = create_engine(os.environ["MARIADB_URL"])
Base.metadata.drop_all(engine)
Base.metadata.create_all(engine)
with Session(engine) as session:
    session.add_all([Account(id=1, balance=100), Account(id=2, balance=100)])
    session.commit()


def add(account_id, amount):
    return update(Account).where(Account.id == account_id).values(balance=Account.balance + amount)


barrier = threading.Barrier(2, timeout=10)
deadlocks, open_after = [], []


def transfer(source, target):  # (1)!
    with Session(engine) as session:
        session.execute(add(source, -10))
        barrier.wait()  # (2)!
        try:
            session.execute(add(target, +10))
        except OperationalError as exc:
            deadlocks.append(exc)
            open_after.append(session.scalar(text("SELECT @@in_transaction")))  # (3)!
            session.execute(add(target, +10))  # (4)!
        session.commit()


threads = [threading.Thread(target=transfer, args=pair) for pair in ((1, 2), (2, 1))]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
error = deadlocks[0]
print(len(deadlocks), type(error).__name__, error.orig.args)  # (5)!
'''
1
OperationalError
(1213, 'Deadlock found when trying to get lock; try restarting transaction')
'''
print("victim: @@in_transaction =", open_after[0])
#> victim: @@in_transaction = 0
with Session(engine) as session:
    print("total balance:", session.scalar(select(func.sum(Account.balance))))  # (6)!
    #> total balance: 210
engine.dispose()
