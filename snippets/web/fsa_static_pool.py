# needs: sqlite+pysqlite
import threading

from flask import Flask
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import func, select
from sqlalchemy.orm import Mapped, mapped_column

app = Flask(__name__)
app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite://"  # in memory: StaticPool
db = SQLAlchemy(app)


class User(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]


def count_users():
    return db.session.scalar(select(func.count(User.id)))


seen = []


def other_thread():
    with app.app_context():  # (1)!
        seen.append(count_users())


with app.app_context():
    db.create_all()
    db.session.add(User(name="kim"))
    db.session.flush()  # sent, not committed
    thread = threading.Thread(target=other_thread)
    thread.start()
    thread.join()
    print("other thread sees uncommitted row:", seen[0])  # (2)!
    #> other thread sees uncommitted row: 1
    print("after its rollback, this thread sees:", count_users())  # (3)!
    #> after its rollback, this thread sees: 0

with app.app_context():
    db.engine.dispose()
