# needs: sqlite+pysqlite
import threading

from flask import Flask, current_app, g
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import func, select
from sqlalchemy.orm import Mapped, mapped_column

app = Flask(__name__)
app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite:///app.db"
db = SQLAlchemy(app)


class User(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)


def first_line(exc):
    return f"{type(exc).__name__}: {str(exc).splitlines()[0]}"


for module_level in (db.create_all, lambda: db.engine, lambda: current_app.name, lambda: g.user):
    try:
        module_level()  # (1)!
    except RuntimeError as exc:
        print(first_line(exc))
        #> RuntimeError: Working outside of application context.
        #> RuntimeError: Working outside of application context.
        #> RuntimeError: Working outside of application context.
        #> RuntimeError: Working outside of application context.

with app.app_context():  # (2)!
    db.drop_all()
    db.create_all()


def count_users():
    return db.session.scalar(select(func.count(User.id)))


def job(results):
    try:
        count_users()  # (3)!
    except RuntimeError as exc:
        results.append(first_line(exc))


results = []
thread = threading.Thread(target=job, args=(results,))
thread.start()
thread.join()
print(results)
#> ['RuntimeError: Working outside of application context.']


def job_with_context(flask_app, results):
    with flask_app.app_context():  # (4)!
        results.append(count_users())


threads, results = [], []


@app.post("/report")
def start_report():
    flask_app = current_app._get_current_object()  # (5)!
    thread = threading.Thread(target=job_with_context, args=(flask_app, results))
    thread.start()
    threads.append(thread)
    return "started", 202


client = app.test_client()
codes = [client.post("/report").status_code for _ in range(20)]
for thread in threads:
    thread.join()
failures = len(codes) - results.count(0)
print(f"with app.app_context(): {len(codes)} threads, failures: {failures}")
#> with app.app_context(): 20 threads, failures: 0

with app.app_context():
    db.engine.dispose()
