# needs: mysql+pymysql
import os

from sqlalchemy import String, create_engine, select
from sqlalchemy.dialects import mysql
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class Job(Base):
    __tablename__ = "jobs"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(20))


engine = create_engine(os.environ["MARIADB_URL"])
Base.metadata.drop_all(engine)
Base.metadata.create_all(engine)  # (1)!
mariadb = engine.dialect
print(f"{mariadb.is_mariadb=} {mariadb.server_version_info[:2]=} {mariadb.supports_for_update_of=}")
'''
mariadb.is_mariadb=True mariadb.server_version_info[:2]=(10, 11) mariadb.supports_for_update_of=False
'''

by_hand = mysql.dialect()  # (2)!
by_hand.supports_for_update_of = True  # as initialize() sets them for MySQL >= 8.0.1
by_hand.use_mysql_for_share = True


def clause(statement, dialect):  # what follows "SELECT jobs.id FROM jobs"
    return str(statement.compile(dialect=dialect)).partition("FROM jobs ")[2]


job = select(Job.id)
options = {"read": {"read": True}, "of": {"of": Job}, "key_share": {"key_share": True}, "nowait": {"nowait": True},
           "skip_locked": {"skip_locked": True}, "read, skip_locked": {"read": True, "skip_locked": True}}
print(f"{'with_for_update()':19}{'MariaDB 10.11':32}mysql.dialect(), flags set by hand")
'''
with_for_update()  MariaDB 10.11                   mysql.dialect(), flags set by hand
'''
with Session(engine) as session:
    for name, kwargs in options.items():
        statement = job.with_for_update(**kwargs)
        session.execute(statement)  # (3)!
        print(f"{name:19}{clause(statement, mariadb):32}{clause(statement, by_hand)}")
        #> read               LOCK IN SHARE MODE              FOR SHARE
        #> of                 FOR UPDATE                      FOR UPDATE OF jobs
        #> key_share          FOR UPDATE                      FOR UPDATE
        #> nowait             FOR UPDATE NOWAIT               FOR UPDATE NOWAIT
        #> skip_locked        FOR UPDATE SKIP LOCKED          FOR UPDATE SKIP LOCKED
        #> read, skip_locked  LOCK IN SHARE MODE SKIP LOCKED  FOR SHARE SKIP LOCKED
engine.dispose()
