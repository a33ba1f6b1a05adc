# needs: sqlite+pysqlite (runs in a browser)
from sqlalchemy import create_engine, event, inspect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, sessionmaker


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
SessionFactory = sessionmaker(engine)
hooks = [  # (1)!
    "transient_to_pending",
    "pending_to_transient",
    "pending_to_persistent",
    "loaded_as_persistent",
    "persistent_to_transient",
    "persistent_to_deleted",
    "deleted_to_persistent",
    "deleted_to_detached",
    "persistent_to_detached",
    "detached_to_persistent",
]
seen = []
for name in hooks:  # (2)!
    event.listen(SessionFactory, name, lambda session, obj, name=name: seen.append(name))

with SessionFactory() as session:
    user = User(id=1, name="kim")
    session.add(user)
    session.commit()
print(seen)  # (3)!
#> ['transient_to_pending', 'pending_to_persistent', 'persistent_to_detached']

seen.clear()
with SessionFactory() as session:
    loaded = session.get(User, 1)
    session.delete(loaded)
    session.flush()
print(seen, inspect(loaded).deleted)  # (4)!
#> ['loaded_as_persistent', 'persistent_to_deleted'] True

seen.clear()
with SessionFactory() as session:
    session.add(user)
    session.delete(user)
    session.commit()
print(seen)
#> ['detached_to_persistent', 'persistent_to_deleted', 'deleted_to_detached']
