# needs: sqlite+pysqlite
from sqlalchemy import create_engine, insert, select, update
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class Booking(Base):
    __tablename__ = "bookings"
    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[int] = mapped_column(index=True)


engine = create_engine("sqlite:///bookings.db", connect_args={"timeout": 0.2})
Base.metadata.drop_all(engine)
Base.metadata.create_all(engine)
with Session(engine) as session:
    session.add_all([Booking(day=day) for day in range(10, 210, 10)])
    session.commit()

days_40_to_60 = select(Booking.day).where(Booking.day.between(40, 60)).order_by(Booking.day).with_for_update()
print(str(days_40_to_60.compile(engine)).splitlines()[-1])  # (1)!
#> WHERE bookings.day BETWEEN ? AND ? ORDER BY bookings.day
with Session(engine) as a, Session(engine) as b:
    print("A read", a.scalars(days_40_to_60).all())
    #> A read [40, 50, 60]
    b.execute(insert(Booking).values(day=45))
    b.commit()
    print("B inserted 45")  # (2)!
    #> B inserted 45
    a.execute(update(Booking).where(Booking.day.between(40, 60)).values(day=Booking.day + 1))  # (3)!
    try:
        b.execute(insert(Booking).values(day=500))
    except OperationalError as exc:
        print("B, day 500:", exc.orig)
        #> B, day 500: database is locked
engine.dispose()
