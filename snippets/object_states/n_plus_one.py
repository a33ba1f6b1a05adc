# needs: sqlite+pysqlite (runs in a browser)
from sqlalchemy import ForeignKey, create_engine, event, select
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    Session,
    mapped_column,
    relationship,
    selectinload,
)


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    posts: Mapped[list["Post"]] = relationship(back_populates="author")  # (1)!


class Post(Base):
    __tablename__ = "posts"
    id: Mapped[int] = mapped_column(primary_key=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    author: Mapped[User] = relationship(back_populates="posts")


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
selects = []


@event.listens_for(engine, "before_cursor_execute")
def count_selects(conn, cursor, statement, parameters, context, executemany):
    if statement.startswith("SELECT"):
        selects.append(statement)


with Session(engine) as session:
    session.add_all([User(name=name, posts=[Post(), Post()]) for name in ("kim", "lee", "park")])
    session.commit()

with Session(engine) as session:
    selects.clear()
    users = session.scalars(select(User).order_by(User.id)).all()
    print([len(user.posts) for user in users], len(selects))  # (2)!
    #> [2, 2, 2] 4

with Session(engine) as session:
    selects.clear()
    users = session.scalars(select(User).order_by(User.id).options(selectinload(User.posts))).all()  # (3)!
    print([len(user.posts) for user in users], len(selects))
    #> [2, 2, 2] 2
print(len(users[0].posts))  # (4)!
#> 2

with Session(engine) as session:
    selects.clear()
    posts = session.scalars(select(Post).order_by(Post.id)).all()
    authors = sorted({post.author.name for post in posts})  # (5)!
    print(len(posts), authors, len(selects))
    #> 6 ['kim', 'lee', 'park'] 4

with Session(engine) as session:
    users = session.scalars(select(User)).all()  # the authors are now in the identity map
    selects.clear()
    posts = session.scalars(select(Post).order_by(Post.id)).all()
    print(len({post.author for post in posts}), len(selects))  # (6)!
    #> 3 1

with Session(engine) as session:
    session.add_all([User(name=f"user-{i}") for i in range(1200)])
    session.commit()
    selects.clear()
    users = session.scalars(select(User).options(selectinload(User.posts))).all()
    print(len(users), len(selects))  # (7)!
    #> 1203 4
engine.dispose()
