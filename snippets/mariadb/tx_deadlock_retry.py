# needs: mysql+pymysql
import os
import random
import threading
import time
from collections import Counter

from sqlalchemy import create_engine, func, select, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class Account(Base):
    __tablename__ = "accounts"
    id: Mapped[int] = mapped_column(primary_key=True)
    balance: Mapped[int]


RETRY_CODES = {1205, 1213}  # lock wait timeout, deadlock
ROUNDS, ATTEMPTS = 20, 5
engine = create_engine(  # (1)!
    os.environ["MARIADB_URL"], connect_args={"init_command": "SET SESSION innodb_lock_wait_timeout = 2"}
)
Base.metadata.drop_all(engine)
Base.metadata.create_all(engine)


def worth_retrying(exc):  # (2)!
    return exc.connection_invalidated or exc.orig.args[0] in RETRY_CODES


def add(account_id, amount):
    return update(Account).where(Account.id == account_id).values(balance=Account.balance + amount)


def run(attempts, in_id_order=False, hold=0):
    with Session(engine) as session:
        session.execute(Account.__table__.delete())
        session.add_all([Account(id=1, balance=100), Account(id=2, balance=100)])
        session.commit()
    collide = threading.Barrier(2, timeout=10)
    next_round = threading.Barrier(2, timeout=30)  # both transfers of the round are over
    results = []  # per transfer: (committed, the error codes it met)

    def transfer(source, target, first_attempt):  # one whole transaction
        with Session(engine) as session:
            session.execute(add(source, -10))
            if first_attempt:
                collide.wait()  # (3)!
            session.execute(add(target, +10))
            session.commit()

    def transfer_in_id_order(source, target, first_attempt):  # (4)!
        with Session(engine) as session:
            if first_attempt:
                collide.wait()  # both start together, then race for the same first row
            for account_id, amount in sorted([(source, -10), (target, +10)]):
                session.execute(add(account_id, amount))
            session.commit()

    def worker(source, target):
        for _ in range(ROUNDS):
            codes = []
            for attempt in range(1, attempts + 1):  # (5)!
                try:
                    (transfer_in_id_order if in_id_order else transfer)(source, target, attempt == 1)
                except DBAPIError as exc:
                    if not worth_retrying(exc):
                        raise
                    codes.append(exc.orig.args[0])
                    time.sleep(random.uniform(0, 0.005))
                    continue
                results.append((True, codes))
                break
            else:
                results.append((False, codes))
            next_round.wait()

    threads = [threading.Thread(target=worker, args=pair) for pair in ((1, 2), (2, 1))]
    with Session(engine) as slow:
        if hold:
            slow.execute(add(1, 0))  # (6)!
        for thread in threads:
            thread.start()
        time.sleep(hold)
        slow.commit()
    for thread in threads:
        thread.join()
    with Session(engine) as session:
        total = session.scalar(select(func.sum(Account.balance)))
    failures = sum(1 for committed, _ in results if not committed)
    errors = Counter(code for _, codes in results for code in codes)
    return f"{len(results)} transfers, failures: {failures}", f"1213: {errors[1213]}, 1205: {errors[1205]}", total


transfers, errors, total = run(attempts=1)
print("without retrying:", transfers)  # (7)!
#> without retrying: 40 transfers, failures: 20
transfers, errors, total = run(attempts=ATTEMPTS)
print("with the retry loop:", transfers)  # (8)!
#> with the retry loop: 40 transfers, failures: 0
print(errors, "| total balance:", total)
#> 1213: 20, 1205: 0 | total balance: 200
transfers, errors, total = run(attempts=ATTEMPTS, in_id_order=True, hold=3)
print("rows in id order, one row held for 3 s:", transfers)  # (9)!
#> rows in id order, one row held for 3 s: 40 transfers, failures: 0
print(errors, "| total balance:", total)
#> 1213: 0, 1205: 2 | total balance: 200
transfers, errors, total = run(attempts=1, in_id_order=True)
print("rows in id order, without retrying:", transfers)  # (10)!
#> rows in id order, without retrying: 40 transfers, failures: 0
print(errors, "| total balance:", total)
#> 1213: 0, 1205: 0 | total balance: 200
engine.dispose()
