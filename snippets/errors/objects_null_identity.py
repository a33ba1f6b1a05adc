# needs: sqlite+pysqlite (runs in a browser)
import re
import uuid
import warnings

from sqlalchemy import create_engine, func, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column
from sqlalchemy.orm.exc import FlushError


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[str] = mapped_column(primary_key=True)  # (1)!
    name: Mapped[str]


class UndeclaredAccount(Base):
    __tablename__ = "accounts"
    id: Mapped[str] = mapped_column(primary_key=True)
    name: Mapped[str]


engine = create_engine("sqlite:///users.db")
with engine.begin() as conn:
    conn.execute(text("DROP TABLE IF EXISTS users"))
    conn.execute(text("CREATE TABLE users (id TEXT PRIMARY KEY, name TEXT NOT NULL)"))  # (2)!

with Session(engine) as session:
    session.add(User(name="kim"))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            session.commit()
        except FlushError as exc:
            error = re.sub(r"0x[0-9a-f]+", "0x...", str(exc))  # the address changes on every run
    print(f"{caught[0].category.__name__}: {str(caught[0].message).split(',')[0]}")  # (3)!
    '''
    SAWarning: Column 'users.id' is marked as a member of the primary key for table 'users'
    '''
    print(error)
    '''
    Instance <User at 0x...> has a NULL identity key.  If this is an auto-generated value, check that the database table allows generation of new primary key values, and that the mapped Column object is configured to expect these generated values.  Ensure also that this flush() is not occurring at an inappropriate time, such as within a load() event.
    '''

memory = create_engine("sqlite://")
Base.metadata.create_all(memory)  # (4)!
with Session(memory) as session, warnings.catch_warnings():
    warnings.simplefilter("ignore")
    session.add(User(name="kim"))
    try:
        session.commit()
    except IntegrityError as exc:
        print(exc.orig)
        #> NOT NULL constraint failed: users.id
memory.dispose()

with engine.begin() as conn:
    conn.execute(text("DROP TABLE IF EXISTS accounts"))
    conn.execute(text("CREATE TABLE accounts (id TEXT NOT NULL PRIMARY KEY DEFAULT (lower(hex(randomblob(16)))), name TEXT NOT NULL)"))
with Session(engine) as session, warnings.catch_warnings():
    warnings.simplefilter("ignore")
    session.add(UndeclaredAccount(name="kim"))  # (5)!
    try:
        session.commit()
    except FlushError as exc:
        print(re.sub(r"0x[0-9a-f]+", "0x...", str(exc).split("  ")[0]))
        #> Instance <UndeclaredAccount at 0x...> has a NULL identity key.


class Fixed(DeclarativeBase):
    pass


class FixedUser(Fixed):
    __tablename__ = "users"
    id: Mapped[str] = mapped_column(primary_key=True, default=lambda: uuid.uuid4().hex)  # (6)!
    name: Mapped[str]


class Account(Fixed):
    __tablename__ = "accounts"
    id: Mapped[str] = mapped_column(primary_key=True, server_default=text("(lower(hex(randomblob(16))))"))  # (7)!
    name: Mapped[str]


Account.__table__.drop(engine, checkfirst=True)
Account.__table__.create(engine)  # a table whose DEFAULT generates the key
for cls, label in ((FixedUser, "a Python default"), (Account, "a server default")):
    failures = 0
    for i in range(20):
        try:
            with Session(engine) as session:
                session.add(cls(name=f"user{i}"))
                session.commit()
        except FlushError:
            failures += 1
    with Session(engine) as session:
        keys = session.scalar(select(func.count()).select_from(cls).where(cls.id.is_not(None)))
    print(f"with {label}: 20 requests, failures: {failures + 20 - keys}")
    #> with a Python default: 20 requests, failures: 0
    #> with a server default: 20 requests, failures: 0
engine.dispose()
