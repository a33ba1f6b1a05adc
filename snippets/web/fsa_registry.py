# needs: sqlite+pysqlite
from flask import Flask, request
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import select
from sqlalchemy.orm import Mapped, mapped_column

app = Flask(__name__)
app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite://"
db = SQLAlchemy(app)


class User(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]


with app.app_context():
    db.create_all()
    db.session.add(User(name="kim"))
    db.session.commit()

print(db.session.registry.scopefunc.__name__)  # (1)!
#> _app_ctx_id
seen = []
kept = []


@app.get("/")
def index():
    users = db.session.scalars(select(User)).all()
    seen.append((db.session, db.session(), db.session.identity_map))  # (2)!
    seen.append(len(db.session.identity_map))  # (3)!
    if request.args.get("keep"):
        kept.append(users)  # (4)!
    return ", ".join(user.name for user in users)


client = app.test_client()
client.get("/?keep=1")
client.get("/?keep=1")
(registry1, session1, map1), loaded1, (registry2, session2, map2), loaded2 = seen
print(registry1 is registry2)  # (5)!
#> True
print(session1 is session2, map1 is map2)  # (6)!
#> False False
print(loaded1, loaded2, len(map1), len(map2))  # (7)!
#> 1 1 1 1
kept.clear()
print(len(map1), len(map2))  # (8)!
#> 0 0
print(db.session.registry.registry)  # (9)!
#> {}
