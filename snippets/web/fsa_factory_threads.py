# needs: sqlite+pysqlite
import threading

from flask import Flask, current_app
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import func, select
from sqlalchemy.orm import Mapped, mapped_column

db = SQLAlchemy()  # (1)!


class User(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]


def create_app():
    app = Flask(__name__)
    app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite:///factory.db"
    db.init_app(app)
    with app.app_context():
        db.drop_all()  # start empty, however often the file runs
        db.create_all()

    @app.post("/import")
    def import_users():
        app = current_app._get_current_object()  # (2)!
        threads = [threading.Thread(target=import_one, args=(app, name)) for name in ("kim", "lee")]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return "done"

    return app


sessions = []


def import_one(app, name):
    with app.app_context():  # (3)!
        sessions.append(db.session())
        db.session.add(User(name=name))
        db.session.commit()


app = create_app()
app.test_client().post("/import")
print(sessions[0] is sessions[1])  # (4)!
#> False
with app.app_context():
    print(db.session.scalar(select(func.count(User.id))))
    #> 2

client = app.test_client()
statuses = [client.post("/import").status_code for _ in range(20)]  # (5)!
with app.app_context():
    rows = db.session.scalar(select(func.count(User.id)))
failures = sum(status != 200 for status in statuses) + (rows != 42)
print(len({id(session) for session in sessions}), rows)
#> 42 42
print(f"two threads per request: {len(statuses)} requests, failures: {failures}")
#> two threads per request: 20 requests, failures: 0
with app.app_context():
    db.engine.dispose()
