import threading

from flask import Flask
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import func, select
from sqlalchemy.orm import Mapped, mapped_column

app = Flask(__name__)
app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite:///app.db"
db = SQLAlchemy(app)


class User(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)


def count_users():
    return db.session.scalar(select(func.count(User.id)))


def job(results):
    try:
        count_users()  # (1)!
    except RuntimeError as exc:
        results.append(f"{type(exc).__name__}: {str(exc).splitlines()[0]}")
    with app.app_context():  # (2)!
        results.append(count_users())


with app.app_context():
    db.drop_all()
    db.create_all()
results = []
thread = threading.Thread(target=job, args=(results,))
thread.start()
thread.join()
print(results)
#> ['RuntimeError: Working outside of application context.', 0]

with app.app_context():
    db.engine.dispose()
