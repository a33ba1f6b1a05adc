# needs: sqlite+pysqlite
from flask import Flask
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import create_engine, exc, text
from sqlalchemy.pool import NullPool

POOL_OPTIONS = {"pool_size": 10, "max_overflow": 5}  # (1)!


def create_app(uri, engine_options):
    app = Flask(__name__)
    app.config["SQLALCHEMY_DATABASE_URI"] = uri
    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = engine_options
    db = SQLAlchemy()
    db.init_app(app)  # (2)!

    @app.post("/users/<name>")
    def add_user(name):
        db.session.execute(text("insert into users (name) values (:name)"), {"name": name})
        db.session.commit()
        return {"users": db.session.scalar(text("select count(*) from users"))}

    with app.app_context():
        db.session.execute(text("create table users (id integer primary key, name text)"))
        db.session.commit()
    return app


try:
    create_app("sqlite://", POOL_OPTIONS)  # the tests' in-memory database
except TypeError as error:
    print(error)
    '''
    Invalid argument(s) 'pool_size','max_overflow' sent to create_engine(), using configuration SQLiteDialect_pysqlite/StaticPool/Engine.  Please check that the keyword arguments are appropriate for this combination of components.
    '''
try:
    create_engine("sqlite:///app.db", poolclass=NullPool, **POOL_OPTIONS)  # (3)!
except TypeError as error:
    print(str(error).split(".  ")[0])
    '''
    Invalid argument(s) 'pool_size','max_overflow' sent to create_engine(), using configuration SQLiteDialect_pysqlite/NullPool/Engine
    '''

app = create_app("sqlite://", {})  # (4)!
client = app.test_client()
responses = [client.post(f"/users/user{n}") for n in range(20)]
failures = sum(response.status_code != 200 for response in responses)
print(f"in memory, no pool options: {len(responses)} requests, failures: {failures}")
#> in memory, no pool options: 20 requests, failures: 0
print(responses[-1].json)
#> {'users': 20}

engine = create_engine("sqlite:///app.db", poolclass=NullPool)  # (5)!
failures = 0
for _ in range(20):
    try:
        with engine.connect() as conn:
            conn.scalar(text("select 1"))
    except exc.DBAPIError:
        failures += 1
print(f"NullPool, no pool options: 20 checkouts, failures: {failures}")
#> NullPool, no pool options: 20 checkouts, failures: 0
engine.dispose()
