# needs: sqlite+pysqlite (runs in a browser)
from sqlalchemy import create_engine, delete, event, func, inspect, update
from sqlalchemy.exc import InvalidRequestError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
statements = []


@event.listens_for(engine, "before_cursor_execute")
def record(conn, cursor, statement, parameters, context, executemany):
    statements.append(statement)


def run(synchronize_session, criteria):
    with Session(engine) as session:
        kim, lee = User(name="kim"), User(name="lee")
        session.add_all([kim, lee])
        session.flush()  # both objects are loaded in the session
        options = {} if synchronize_session == "default" else {"synchronize_session": synchronize_session}
        statements.clear()
        try:
            session.execute(update(User).where(criteria("kim")).values(name="KIM").execution_options(**options))
            session.execute(delete(User).where(criteria("lee")).execution_options(**options))
        except InvalidRequestError as exc:
            return f"{type(exc).__name__}: {str(exc).split(':')[0]}"
        name = inspect(kim).attrs.name.loaded_value  # (1)!
        lee_state = "deleted" if inspect(lee).deleted else "still persistent"
        returning = all(statement.endswith("RETURNING id") for statement in statements)
        return f"kim.name={name!r}, lee {lee_state}, RETURNING: {returning}"


def by_name(name):
    return User.name == name


for synchronize_session in ("default", "evaluate", "fetch", False):
    print(f"{synchronize_session}: {run(synchronize_session, by_name)}")  # (2)!
    #> default: kim.name='KIM', lee deleted, RETURNING: False
    #> evaluate: kim.name='KIM', lee deleted, RETURNING: False
    #> fetch: kim.name='KIM', lee deleted, RETURNING: True
    #> False: kim.name='kim', lee still persistent, RETURNING: False


def by_function(name):
    return func.lower(User.name) == name  # (3)!


for synchronize_session in ("default", "evaluate"):
    print(f"{synchronize_session}: {run(synchronize_session, by_function)}")
    #> default: kim.name='KIM', lee deleted, RETURNING: True
    #> evaluate: InvalidRequestError: Could not evaluate current criteria in Python
engine.dispose()
