# needs: sqlite+pysqlite
import logging

from sqlalchemy import create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class Account(Base):
    __tablename__ = "accounts"
    id: Mapped[int] = mapped_column(primary_key=True)
    balance: Mapped[int]


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)


class Recorder(logging.Handler):
    def emit(self, record):
        if not record.getMessage().startswith("["):
            logged.append(" ".join(record.getMessage().split()))


logged, recorder, log = [], Recorder(), logging.getLogger("sqlalchemy.engine.Engine")
log.addHandler(recorder)
log.setLevel(logging.INFO)
with Session(engine) as session:
    sqlite3_conn = session.connection().connection.dbapi_connection
    print("no SQL yet: in_transaction =", sqlite3_conn.in_transaction)
    #> no SQL yet: in_transaction = False
    session.execute(select(Account)).all()
    print("after SELECT: in_transaction =", sqlite3_conn.in_transaction)  # (1)!
    #> after SELECT: in_transaction = False
    session.add(Account(id=1, balance=100))
    session.flush()
    print("after INSERT: in_transaction =", sqlite3_conn.in_transaction)  # (2)!
    #> after INSERT: in_transaction = True
    session.commit()
log.removeHandler(recorder)
log.setLevel(logging.WARNING)
print(logged)
'''
[
    'BEGIN (implicit)',
    'SELECT accounts.id, accounts.balance FROM accounts',
    'INSERT INTO accounts (id, balance) VALUES (?, ?)',
    'COMMIT',
]
'''
engine.dispose()
