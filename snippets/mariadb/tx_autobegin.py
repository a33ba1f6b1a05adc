# needs: mysql+pymysql
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


engine = create_engine(os.environ["MARIADB_URL"])
Base.metadata.drop_all(engine)
Base.metadata.create_all(engine)


class Recorder(logging.Handler):  # (1)!
    def emit(self, record):
        if not record.getMessage().startswith("["):  # skip the parameter lines
            logged.append(" ".join(record.getMessage().split()))


logged, recorder, log = [], Recorder(), logging.getLogger("sqlalchemy.engine.Engine")


def ask(pymysql_conn, sql):  # (2)!
    with pymysql_conn.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchall()


def server(pymysql_conn):
    ((in_transaction,),) = ask(pymysql_conn, "SELECT @@in_transaction")
    counters = dict(ask(pymysql_conn, "SHOW SESSION STATUS WHERE Variable_name IN ('Com_begin', 'Com_commit')"))
    return f"in_transaction={in_transaction} Com_begin={counters['Com_begin']} Com_commit={counters['Com_commit']}"


log.addHandler(recorder)
log.setLevel(logging.INFO)
with Session(engine) as session:
    pymysql_conn = session.connection().connection.dbapi_connection
    print("no SQL yet:", "autocommit", pymysql_conn.get_autocommit(), "|", server(pymysql_conn))  # (3)!
    #> no SQL yet: autocommit False | in_transaction=0 Com_begin=0 Com_commit=2
    session.execute(select(Account)).all()
    print("after SELECT:", server(pymysql_conn))  # (4)!
    #> after SELECT: in_transaction=1 Com_begin=0 Com_commit=2
    session.commit()
    print("after commit:", server(pymysql_conn))
    #> after commit: in_transaction=0 Com_begin=0 Com_commit=3
log.removeHandler(recorder)
log.setLevel(logging.WARNING)
print(logged)  # (5)!
#> ['BEGIN (implicit)', 'SELECT accounts.id, accounts.balance FROM accounts', 'COMMIT']
engine.dispose()
