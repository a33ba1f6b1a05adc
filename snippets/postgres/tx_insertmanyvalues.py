# needs: postgresql+psycopg
import os

from sqlalchemy import create_engine, event, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(unique=True)


engine = create_engine(os.environ["DATABASE_URL"])
Base.metadata.drop_all(engine)
Base.metadata.create_all(engine)
dialect = engine.dialect
print(dialect.use_insertmanyvalues, dialect.insertmanyvalues_page_size, dialect.insertmanyvalues_max_parameters)  # (1)!
#> True 1000 32700

sent = []


@event.listens_for(engine, "before_cursor_execute")
def record(conn, cursor, statement, parameters, context, executemany):
    sent.append((" ".join(statement.split()), parameters))


with Session(engine) as session:
    session.add_all([User(name="kim"), User(name="lee")])
    session.flush()  # (2)!
    print(len(sent), "statement")
    #> 1 statement
    print(sent[0][0])
    '''
    INSERT INTO users (name) SELECT p0::VARCHAR FROM (VALUES (%(name__0)s::VARCHAR, 0), (%(name__1)s::VARCHAR, 1)) AS imp_sen(p0, sen_counter) ORDER BY sen_counter RETURNING users.id, users.id AS id__1
    '''
    print(sent[0][1])
    #> {'name__0': 'kim', 'name__1': 'lee'}
    sent.clear()
    try:
        with session.begin_nested():  # (3)!
            session.add_all([User(name="choi"), User(name="kim")])
    except IntegrityError as exc:
        print(type(exc.orig).__name__, exc.orig.sqlstate)
        #> UniqueViolation 23505
    for statement, parameters in sent:  # (4)!
        print(statement.split(" (")[0], list(parameters.values()))
        #> SAVEPOINT sa_savepoint_1 []
        #> INSERT INTO users ['choi', 'kim']
        #> ROLLBACK TO SAVEPOINT sa_savepoint_1 []
    session.commit()
    print(session.scalars(select(User.name).order_by(User.id)).all())
    #> ['kim', 'lee']
engine.dispose()
