# needs: sqlite+pysqlite
from flask import Flask
from sqlalchemy import create_engine, select
from sqlalchemy.exc import IntegrityError, PendingRollbackError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(unique=True)


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as session:
    session.add(User(name="kim"))
    session.commit()


with Session(engine) as session:
    session.add(User(name="kim"))
    try:
        session.scalars(select(User)).all()  # (1)!
    except IntegrityError as exc:
        print(type(exc).__name__, exc.orig)
        #> IntegrityError UNIQUE constraint failed: users.name
    try:
        session.scalars(select(User)).all()  # (2)!
    except PendingRollbackError as exc:
        print(type(exc).__name__, exc.code)
        #> PendingRollbackError 7s2a
        print(str(exc).split(" Original")[0])
        '''
        This Session's transaction has been rolled back due to a previous exception during flush. To begin a new transaction with this Session, first issue Session.rollback().
        '''

with Session(engine) as session:
    session.add(User(name="kim"))
    try:
        session.scalars(select(User)).all()
    except IntegrityError:
        session.rollback()  # (3)!
    session.add(User(name="lee"))
    session.commit()
    print(session.scalars(select(User.name).order_by(User.id)).all())
    #> ['kim', 'lee']


def create_user(session, name, fix):
    if fix == "with session.begin()":
        with session.begin():  # (4)!
            session.add(User(name=name))
        return
    try:
        session.add(User(name=name))
        session.commit()
    except IntegrityError:
        if fix == "with rollback()":
            session.rollback()
        raise


app = Flask(__name__)
session = Session(engine)  # (5)!


@app.post("/users/<name>/<fix>")
def create(name, fix):
    try:
        create_user(session, name, fix)
    except IntegrityError:
        return "name taken", 409
    except PendingRollbackError:
        return "broken session", 500
    return "created", 201


client = app.test_client()
for number, fix in enumerate(("without rollback", "with rollback()", "with session.begin()")):
    names = ["kim" if i % 5 == 0 else f"user{number}-{i}" for i in range(20)]  # every 5th name is taken
    codes = [client.post(f"/users/{name}/{fix}").status_code for name in names]
    session.close()
    print(f"{fix}: {len(codes)} requests, failures: {codes.count(500)}")  # (6)!
    #> without rollback: 20 requests, failures: 19
    #> with rollback(): 20 requests, failures: 0
    #> with session.begin(): 20 requests, failures: 0
session.close()
engine.dispose()
