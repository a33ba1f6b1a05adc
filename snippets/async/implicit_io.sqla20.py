import asyncio
import gc
import warnings

from sqlalchemy import ForeignKey, select
from sqlalchemy.exc import InvalidRequestError, MissingGreenlet, StatementError
from sqlalchemy.ext.asyncio import AsyncAttrs, async_sessionmaker, create_async_engine
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    mapped_column,
    relationship,
    selectinload,
)


# --8<-- [start:model]
class Base(AsyncAttrs, DeclarativeBase):
    pass


class Author(Base):
    __tablename__ = "author"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    books: Mapped[list["Book"]] = relationship(back_populates="author")


class Book(Base):
    __tablename__ = "book"
    id: Mapped[int] = mapped_column(primary_key=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("author.id"))
    author: Mapped[Author] = relationship(back_populates="books", lazy="raise")
# --8<-- [end:model]


# --8<-- [start:setup]
async def main():  # the blocks below are the rest of this function
    engine = create_async_engine("sqlite+aiosqlite://")
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    SessionFactory = async_sessionmaker(engine)  # default: expire_on_commit=True
    async with SessionFactory.begin() as session:
        session.add(Author(name="kim", books=[Book(), Book()]))
    # --8<-- [end:setup]

    # --8<-- [start:errors]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        async with SessionFactory() as session:
            author = await session.scalar(select(Author))
            try:
                print(author.books)
            except (StatementError, MissingGreenlet) as exc:
                error = exc.orig if isinstance(exc, StatementError) else exc
                print(f"{type(exc).__name__} -> {type(error).__name__}")
                #> MissingGreenlet -> MissingGreenlet
                print(str(error))
                '''
                greenlet_spawn has not been called; can't call await_only() here. Was IO attempted in an unexpected place? (Background on this error at: https://sqlalche.me/e/20/xd2s)
                '''
            await session.commit()
            try:
                print(author.name)
            except (StatementError, MissingGreenlet) as exc:
                print(isinstance(exc, MissingGreenlet), isinstance(getattr(exc, "orig", None), MissingGreenlet))
                #> True False
                print(str(exc))
                '''
                greenlet_spawn has not been called; can't call await_only() here. Was IO attempted in an unexpected place? (Background on this error at: https://sqlalche.me/e/20/xd2s)
                '''
        gc.collect()
    print(sorted({str(w.message) for w in caught if issubclass(w.category, RuntimeWarning)}))
    #> []
    # --8<-- [end:errors]

    # --8<-- [start:expire-on-commit]
    NoExpireFactory = async_sessionmaker(engine, expire_on_commit=False)
    async with NoExpireFactory() as session:
        author = await session.scalar(select(Author))
        await session.commit()
        print(author.name)  # no SELECT needed: nothing was expired
        #> kim
    # --8<-- [end:expire-on-commit]

    # --8<-- [start:selectinload]
    async with SessionFactory() as session:
        stmt = select(Author).options(selectinload(Author.books))
        author = await session.scalar(stmt)
        print(len(author.books))  # loaded by the same await as the Author
        #> 2
    # --8<-- [end:selectinload]

    # --8<-- [start:awaitable-attrs]
    async with SessionFactory() as session:
        author = await session.scalar(select(Author))
        books = await author.awaitable_attrs.books
        await session.commit()
        name = await author.awaitable_attrs.name
        print(len(books), name)
        #> 2 kim
    # --8<-- [end:awaitable-attrs]

    # --8<-- [start:refresh]
    async with SessionFactory() as session:
        author = await session.scalar(select(Author))
        await session.commit()
        await session.refresh(author, ["name", "books"])
        print(author.name, len(author.books))
        #> kim 2
    # --8<-- [end:refresh]

    # --8<-- [start:lazy-raise]
    async with SessionFactory() as session:
        book = await session.scalar(select(Book))
        try:
            print(book.author)
        except InvalidRequestError as exc:
            print(str(exc))
            #> 'Book.author' is not available due to lazy='raise'
    # --8<-- [end:lazy-raise]

    await engine.dispose()


asyncio.run(main())
