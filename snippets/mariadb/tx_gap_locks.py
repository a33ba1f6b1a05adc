# needs: mysql+pymysql
import os

from sqlalchemy import create_engine, event, insert, select, text, update
from sqlalchemy.exc import OperationalError, PendingRollbackError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class Booking(Base):
    __tablename__ = "bookings"
    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[int] = mapped_column(index=True)  # (1)!


engine = create_engine(os.environ["MARIADB_URL"])
Base.metadata.drop_all(engine)
Base.metadata.create_all(engine)
with Session(engine) as session:
    session.add_all([Booking(day=day) for day in range(10, 210, 10)])  # days 10, 20, ..., 200
    session.commit()
rollbacks = []
event.listen(engine, "rollback", lambda conn: rollbacks.append(conn))

days_40_to_60 = select(Booking.day).where(Booking.day.between(40, 60)).order_by(Booking.day).with_for_update()
with Session(engine) as a, Session(engine) as b:
    print("A locked", a.scalars(days_40_to_60).all())  # (2)!
    #> A locked [40, 50, 60]
    b.execute(text("SET SESSION innodb_lock_wait_timeout = 1"))  # (3)!
    outcome = {}
    for day in (35, 45, 65, 75):
        try:
            b.execute(insert(Booking).values(day=day))
            outcome[day] = "inserted"
        except OperationalError as exc:
            outcome[day], error = exc.orig.args[0], exc
    print("B:", outcome)  # (4)!
    #> B: {35: 1205, 45: 1205, 65: 1205, 75: 'inserted'}
    try:
        b.execute(update(Booking).where(Booking.day == 70).values(day=70))
    except OperationalError as exc:
        print("B, UPDATE of day 70:", exc.orig.args[0])
        #> B, UPDATE of day 70: 1205
    print(type(error).__name__, error.orig.args)  # (5)!
    '''
    OperationalError
    (1205, 'Lock wait timeout exceeded; try restarting transaction')
    '''
    print("innodb_rollback_on_timeout =", b.scalar(text("SELECT @@innodb_rollback_on_timeout")))  # (6)!
    #> innodb_rollback_on_timeout = 0
    still = b.scalars(select(Booking.day).where(Booking.day == 75)).all()
    print("@@in_transaction =", b.scalar(text("SELECT @@in_transaction")), "| B still has", still)
    #> @@in_transaction = 1 | B still has [75]
    b.add(Booking(day=55))
    try:
        b.flush()  # (7)!
    except OperationalError as exc:
        print("flush:", exc.orig.args[0], "| ROLLBACK sent:", len(rollbacks))
        #> flush: 1205 | ROLLBACK sent: 1
    try:
        b.scalars(select(Booking.day)).all()
    except PendingRollbackError as exc:
        print(type(exc).__name__)
        #> PendingRollbackError
    b.rollback()  # (8)!
    print("after rollback() B sees", b.scalars(select(Booking.day).where(Booking.day == 75)).all())
    #> after rollback() B sees []

read_committed = engine.execution_options(isolation_level="READ COMMITTED")
with Session(read_committed) as a, Session(engine) as b:
    print("A (READ COMMITTED) locked", a.scalars(days_40_to_60).all())
    #> A (READ COMMITTED) locked [40, 50, 60]
    b.execute(text("SET SESSION innodb_lock_wait_timeout = 1"))
    for day in (35, 45, 65, 75):
        b.execute(insert(Booking).values(day=day))
    print("B inserted 35, 45, 65, 75")  # (9)!
    #> B inserted 35, 45, 65, 75
    b.rollback()
engine.dispose()
