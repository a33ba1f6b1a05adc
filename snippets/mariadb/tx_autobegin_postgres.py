# needs: postgresql+psycopg
import logging
import os

from sqlalchemy import create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class Account(Base):
    __tablename__ = "accounts"
    id: Mapped[int] = mapped_column(primary_key=True)
    balance: Mapped[int]


engine = create_engine(os.environ["DATABASE_URL"])
Base.metadata.drop_all(engine)
Base.metadata.create_all(engine)


class Recorder(logging.Handler):
    def emit(self, record):
        if not record.getMessage().startswith("["):
            logged.append(" ".join(record.getMessage().split()))


logged, recorder, log = [], Recorder(), logging.getLogger("sqlalchemy.engine.Engine")
log.addHandler(recorder)
log.setLevel(logging.INFO)
with Session(engine) as session:
    psycopg_conn = session.connection().connection.dbapi_connection
    print("no SQL yet:", psycopg_conn.info.transaction_status.name)
    #> no SQL yet: IDLE
    session.execute(select(Account)).all()
    print("after SELECT:", psycopg_conn.info.transaction_status.name)  # (1)!
    #> after SELECT: INTRANS
    session.commit()
    print("after commit:", psycopg_conn.info.transaction_status.name)
    #> after commit: IDLE
log.removeHandler(recorder)
log.setLevel(logging.WARNING)
print(logged)
#> ['BEGIN (implicit)', 'SELECT accounts.id, accounts.balance FROM accounts', 'COMMIT']
engine.dispose()
