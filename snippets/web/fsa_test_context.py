# needs: sqlite+pysqlite
from flask import Flask
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy.orm import Mapped, mapped_column

app = Flask(__name__)
app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite://"
db = SQLAlchemy(app)


class User(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]


seen = []


@app.get("/")
def index():
    seen.append(db.session())
    return "ok"


client = app.test_client()
with app.app_context():  # (1)!
    db.create_all()
    client.get("/")
    client.get("/")
    print(seen[0] is seen[1], db.session.registry.has())  # (2)!
    #> True True

    seen.clear()
    for _ in range(2):
        with app.app_context():  # (3)!
            client.get("/")
    print(seen[0] is seen[1])
    #> False

seen.clear()
with app.app_context():  # (4)!
    db.drop_all()
    db.create_all()
client.get("/")
client.get("/")
print(seen[0] is seen[1], db.session.registry.registry)
#> False {}

seen.clear()
statuses = [client.get("/").status_code for _ in range(20)]
failures = sum(status != 200 for status in statuses) + len(db.session.registry.registry)
print(len({id(session) for session in seen}))  # (5)!
#> 20
print(f"requests outside the context: {len(statuses)} requests, failures: {failures}")
#> requests outside the context: 20 requests, failures: 0

with app.app_context():
    db.engine.dispose()
