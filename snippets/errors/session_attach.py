# needs: sqlite+pysqlite (runs in a browser)
import re

from sqlalchemy import ForeignKey, create_engine, func, select
from sqlalchemy.exc import InvalidRequestError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]


class Post(Base):
    __tablename__ = "posts"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    author: Mapped[User | None] = relationship()


def attempt(action):
    try:
        action()
    except InvalidRequestError as exc:
        message = re.sub(r"0x[0-9a-f]+", "0x...", str(exc))  # the address changes on every run
        return re.sub(r"'\d+'", "'N'", message)  # (1)!


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as session:
    session.add(User(id=1, name="kim"))
    session.commit()

with Session(engine) as first, Session(engine) as second:
    user = first.get(User, 1)
    print(attempt(lambda: second.add(user)))  # (2)!
    #> Object '<User at 0x...>' is already attached to session 'N' (this is 'N')

    first.expunge(user)  # (3)!
    loaded = second.get(User, 1)
    print(attempt(lambda: second.add(user)))  # (4)!
    '''
    Can't attach instance <User at 0x...>; another instance with key (<class '__main__.User'>, (1,), None) is already present in this session.
    '''

    user.name = "lee"
    merged = second.merge(user)  # (5)!
    print(merged is loaded, merged.name)
    #> True lee

with Session(engine) as first, Session(engine) as second:
    user = first.get(User, 1)
    post = Post()
    second.add(post)
    print(attempt(lambda: setattr(post, "author", user)))  # (6)!
    #> Object '<User at 0x...>' is already attached to session 'N' (this is 'N')

posts = 20
for fix in ("pass the id", "merge()"):
    with Session(engine) as first, Session(engine) as second:
        for _ in range(posts):
            user = first.get(User, 1)  # loaded by one session ...
            post = Post()
            second.add(post)  # ... used in another
            if fix == "pass the id":
                post.author = second.get(User, user.id)  # (7)!
            else:
                post.author = second.merge(user)
            second.commit()
    with Session(engine) as session:
        linked = session.scalar(select(func.count()).where(Post.user_id == 1))
        session.execute(Post.__table__.delete())
        session.commit()
    print(f"{fix}: {posts} posts, failures: {posts - linked}")
    #> pass the id: 20 posts, failures: 0
    #> merge(): 20 posts, failures: 0
engine.dispose()
