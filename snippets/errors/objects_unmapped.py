# needs: sqlite+pysqlite
from pydantic import BaseModel
from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column
from sqlalchemy.orm.exc import UnmappedInstanceError


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]


class UserIn(BaseModel):  # (1)!
    name: str


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)

with Session(engine) as session:
    messages = set()
    for payload in ({"name": "kim"}, UserIn(name="kim")):
        for method in (session.add, session.delete, session.merge, session.refresh):
            try:
                method(payload)  # (2)!
            except UnmappedInstanceError as exc:
                messages.add(str(exc))
    print(sorted(messages))
    #> ["Class '__main__.UserIn' is not mapped", "Class 'builtins.dict' is not mapped"]


def create_user(payload):
    data = payload.model_dump() if isinstance(payload, BaseModel) else payload
    with Session(engine) as session:
        session.add(User(**data))  # (3)!
        session.commit()


failures = 0
for i in range(20):
    payload = {"name": f"user{i}"} if i % 2 else UserIn(name=f"user{i}")
    try:
        create_user(payload)
    except UnmappedInstanceError:
        failures += 1
with Session(engine) as session:
    count = session.scalar(select(func.count()).select_from(User))
print(f"with the fix: {count} requests, failures: {failures}")
#> with the fix: 20 requests, failures: 0
engine.dispose()
