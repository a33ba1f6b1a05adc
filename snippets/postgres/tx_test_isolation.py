import os
from contextlib import contextmanager

from sqlalchemy import create_engine, event, func, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]


engine = create_engine(os.environ["DATABASE_URL"])
Base.metadata.drop_all(engine)
Base.metadata.create_all(engine)
log = []  # the transaction control SQLAlchemy sends: BEGIN, SAVEPOINT, ...
for name in ("begin", "commit", "rollback", "savepoint", "rollback_savepoint", "release_savepoint"):
    event.listen(engine, name, lambda *args, name=name: log.append(name.upper()))


def register(session, names):  # code under test: it rolls back, and it commits
    session.add(User(name="draft"))
    session.flush()
    session.rollback()  # (1)!
    session.add_all([User(name=name) for name in names])
    session.commit()  # (2)!


@contextmanager  # with pytest: @pytest.fixture instead
def db_session():
    with engine.connect() as connection:
        outer = connection.begin()  # (3)!
        session = Session(bind=connection, join_transaction_mode="create_savepoint")  # (4)!
        yield session
        session.close()
        outer.rollback()  # (5)!


def test_register(session):
    register(session, ["kim", "lee"])
    names = session.scalars(select(User.name).order_by(User.id)).all()
    print("inside the test:", names)
    #> inside the test: ['kim', 'lee']
    #> inside the test: ['kim', 'lee']


rows = []
for _ in range(2):  # (6)!
    log.clear()
    with db_session() as session:  # what pytest does for a test that asks for the fixture
        test_register(session)
    sent = list(log)
    with Session(engine) as check:
        rows.append(check.scalar(select(func.count()).select_from(User)))
print("rows left after each test:", rows)
#> rows left after each test: [0, 0]
print(sent)  # (7)!
'''
[
    'BEGIN',
    'SAVEPOINT',
    'ROLLBACK_SAVEPOINT',
    'SAVEPOINT',
    'RELEASE_SAVEPOINT',
    'SAVEPOINT',
    'ROLLBACK_SAVEPOINT',
    'ROLLBACK',
]
'''
engine.dispose()
