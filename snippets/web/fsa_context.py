# needs: sqlite+pysqlite
import threading

import click
from flask import Flask
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import func, select
from sqlalchemy.orm import Mapped, mapped_column

app = Flask(__name__)
app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite://"
db = SQLAlchemy(app)


class User(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]


def count_users():
    return db.session.scalar(select(func.count(User.id)))


try:
    count_users()  # (1)!
except RuntimeError as exc:
    print(exc)
    '''
    Working outside of application context.

    This typically means that you attempted to use functionality that needed
    the current application. To solve this, set up an application context
    with app.app_context(). See the documentation for more information.
    '''

with app.app_context():  # (2)!
    db.create_all()
    print(count_users())
    #> 0
    print(type(db.engine.pool).__name__)  # (3)!
    #> StaticPool

results = []


def background_job():
    try:
        results.append(count_users())
    except RuntimeError as exc:
        results.append(str(exc).splitlines()[0])
    with app.app_context():  # (4)!
        results.append(count_users())


@app.post("/report")
def report():
    job = threading.Thread(target=background_job)  # (5)!
    job.start()
    job.join()
    return "done"


app.test_client().post("/report")
print(results)
#> ['Working outside of application context.', 0]


@app.cli.command("count")
def count_command():
    click.echo(count_users())  # (6)!


result = app.test_cli_runner().invoke(args=["count"])
print(result.output.strip())
#> 0

with app.app_context():
    db.engine.dispose()
