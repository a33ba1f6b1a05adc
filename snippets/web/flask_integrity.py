from flask import Flask
from sqlalchemy import create_engine, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, scoped_session, sessionmaker


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(unique=True)


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
SessionFactory = sessionmaker(engine)
ScopedSession = scoped_session(SessionFactory)
app = Flask(__name__)


@app.teardown_appcontext
def remove_session(exc):
    ScopedSession.remove()


@app.post("/users/<name>")
def create_user(name):
    ScopedSession.add(User(name=name))
    try:
        ScopedSession.commit()  # (1)!
    except IntegrityError:
        ScopedSession.rollback()  # (2)!
        return {"error": f"{name} already exists"}, 409  # (3)!
    return {"created": name}, 201


client = app.test_client()
for name in ("kim", "kim", "lee"):
    response = client.post(f"/users/{name}")
    print(response.status_code, response.json)  # (4)!
    #> 201 {'created': 'kim'}
    #> 409 {'error': 'kim already exists'}
    #> 201 {'created': 'lee'}
print(ScopedSession.scalars(select(User.name).order_by(User.id)).all())
#> ['kim', 'lee']

ScopedSession.remove()
engine.dispose()
