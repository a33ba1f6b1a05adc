# needs: postgresql+asyncpg, postgresql+psycopg
import asyncio
import os

from sqlalchemy import ForeignKey, create_engine, event, make_url, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class Customer(Base):
    __tablename__ = "customers"
    id: Mapped[int] = mapped_column(primary_key=True)
    balance: Mapped[int]


class Invoice(Base):
    __tablename__ = "invoices"
    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))


url = os.environ["DATABASE_URL"]
engine = create_engine(url)
Base.metadata.drop_all(engine)
Base.metadata.create_all(engine)
with Session(engine) as session:
    session.add(Customer(id=1, balance=0))
    session.commit()
sent = []
event.listen(engine, "before_cursor_execute", lambda conn, cursor, statement, *args: sent.append(statement))
# the other workers wait at most 200 ms for a lock instead of as long as A holds it
others = create_engine(url, connect_args={"options": "-c lock_timeout=200"})


def add_invoices(n):  # requests of other workers, on psycopg: each inserts an invoice and commits
    failures = 0
    for _ in range(n):
        try:
            with Session(others) as b:
                b.add(Invoice(customer_id=1))
                b.commit()  # (1)!
        except DBAPIError as exc:
            assert exc.orig.sqlstate == "55P03", exc  # lock_not_available
            failures += 1
    return failures


async def add_invoices_async(n):  # the same on asyncpg
    async_url = make_url(url).set(drivername="postgresql+asyncpg")
    async_others = create_async_engine(async_url, connect_args={"server_settings": {"lock_timeout": "200"}})
    failures = 0
    for _ in range(n):
        try:
            async with async_sessionmaker(async_others)() as b:
                b.add(Invoice(customer_id=1))
                await b.commit()
        except DBAPIError as exc:
            assert exc.orig.sqlstate == "55P03", exc
            failures += 1
    await async_others.dispose()
    return failures


customer_1 = select(Customer).where(Customer.id == 1)
with Session(engine) as a:
    a.scalars(customer_1.with_for_update()).one()  # A locks the customer to update its balance
    print(sent[-1].split("::INTEGER ")[-1])
    #> FOR UPDATE
    print(f"under FOR UPDATE: 1 invoice, failures: {add_invoices(1)}")  # (2)!
    #> under FOR UPDATE: 1 invoice, failures: 1
    a.rollback()

    customer = a.scalars(customer_1.with_for_update(key_share=True)).one()  # (3)!
    print(sent[-1].split("::INTEGER ")[-1])
    #> FOR NO KEY UPDATE
    print(f"psycopg under FOR NO KEY UPDATE: 20 invoices, failures: {add_invoices(20)}")  # (4)!
    #> psycopg under FOR NO KEY UPDATE: 20 invoices, failures: 0
    failures = asyncio.run(add_invoices_async(20))
    print(f"asyncpg under FOR NO KEY UPDATE: 20 invoices, failures: {failures}")
    #> asyncpg under FOR NO KEY UPDATE: 20 invoices, failures: 0
    try:
        with Session(others) as b:  # (5)!
            b.scalars(customer_1.with_for_update(key_share=True)).one()
    except DBAPIError as exc:
        print("another FOR NO KEY UPDATE:", type(exc.orig).__name__)
        #> another FOR NO KEY UPDATE: LockNotAvailable
    customer.balance += 40
    a.commit()
    print(a.scalar(select(Customer.balance)), len(a.scalars(select(Invoice)).all()))
    #> 40 40
engine.dispose()
others.dispose()
