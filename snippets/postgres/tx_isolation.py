# needs: postgresql+psycopg
import os

from sqlalchemy import create_engine, select, text, update
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker


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

balance = select(Account.balance).where(Account.id == 1)  # (1)!
for level in ("READ COMMITTED", "REPEATABLE READ"):
    SessionA = sessionmaker(engine.execution_options(isolation_level=level))  # (2)!
    with SessionA() as a, Session(engine) as b:
        first = a.scalar(balance)  # (3)!
        b.execute(update(Account).where(Account.id == 1).values(balance=Account.balance + 10))
        b.commit()  # (4)!
        second = a.scalar(balance)
        print(a.scalar(text("SHOW transaction_isolation")), first, second)  # (5)!
        #> read committed 100 110
        #> repeatable read 110 110
engine.dispose()
