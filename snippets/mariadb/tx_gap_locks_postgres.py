# needs: postgresql+psycopg
import os

from sqlalchemy import create_engine, insert, select, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class Booking(Base):
    __tablename__ = "bookings"
    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[int] = mapped_column(index=True)


engine = create_engine(os.environ["DATABASE_URL"])
Base.metadata.drop_all(engine)
Base.metadata.create_all(engine)
with Session(engine) as session:
    session.add_all([Booking(day=day) for day in range(10, 210, 10)])
    session.commit()

days_40_to_60 = select(Booking.day).where(Booking.day.between(40, 60)).order_by(Booking.day).with_for_update()
with Session(engine) as a, Session(engine) as b:
    print("A locked", a.scalars(days_40_to_60).all())
    #> A locked [40, 50, 60]
    b.execute(text("SET lock_timeout = '1s'"))
    outcome = {}
    for day in (35, 45, 65, 75):
        try:
            b.execute(insert(Booking).values(day=day))
            outcome[day] = "inserted"
        except OperationalError as exc:
            outcome[day] = exc.orig.sqlstate
    print("B:", outcome)  # (1)!
    #> B: {35: 'inserted', 45: 'inserted', 65: 'inserted', 75: 'inserted'}
    b.commit()
    print("A now reads", a.scalars(days_40_to_60).all())  # (2)!
    #> A now reads [40, 45, 50, 60]
engine.dispose()
