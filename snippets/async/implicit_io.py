# needs: sqlite+aiosqlite
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
class Base(AsyncAttrs, DeclarativeBase):  # (1)!
    pass


class Author(Base):
    __tablename__ = "author"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    books: Mapped[list["Book"]] = relationship(back_populates="author")  # (2)!


class Book(Base):
    __tablename__ = "book"
    id: Mapped[int] = mapped_column(primary_key=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("author.id"))
    author: Mapped[Author] = relationship(back_populates="books", lazy="raise")  # (3)!
# --8<-- [end:model]


# --8<-- [start:setup]
async def main():  # the blocks below are the rest of this function
    engine = create_async_engine("sqlite+aiosqlite:///app.db")
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.drop_all)
        await conn.run_sync(Base.metadata.create_all)
    SessionFactory = async_sessionmaker(engine)  # default: expire_on_commit=True
    async with SessionFactory.begin() as session:
        session.add(Author(name="kim", books=[Book(), Book()]))

    async def requests(request, expected):  # 20 concurrent requests, each with its own session
        results = await asyncio.gather(*(request() for _ in range(20)), return_exceptions=True)
        failures = sum(result != expected for result in results)
        return f"{len(results)} requests, failures: {failures}"
    # --8<-- [end:setup]

    # --8<-- [start:errors]
    with warnings.catch_warnings(record=True) as caught:  # (1)!
        warnings.simplefilter("always")
        async with SessionFactory() as session:
            author = await session.scalar(select(Author))
            try:
                print(author.books)  # (2)!
            except (StatementError, MissingGreenlet) as exc:  # (3)!
                error = exc.orig if isinstance(exc, StatementError) else exc
                print(f"{type(exc).__name__} -> {type(error).__name__}")
                #> StatementError -> MissingGreenlet
                print(str(error))
                '''
                greenlet_spawn has not been called; can't call await_() here. Was IO attempted in an unexpected place? (Background on this error at: https://sqlalche.me/e/21/xd2s)
                '''
            await session.commit()
            try:
                print(author.name)  # (4)!
            except (StatementError, MissingGreenlet) as exc:
                print(isinstance(exc, MissingGreenlet), isinstance(getattr(exc, "orig", None), MissingGreenlet))
                #> False True
                print(str(exc))
                '''
                (sqlalchemy.exc.MissingGreenlet) greenlet_spawn has not been called; can't call await_() here. Was IO attempted in an unexpected place?
                [SQL: SELECT author.id, author.name
                FROM author
                WHERE author.id = ?]
                [parameters: [{'pk_1': 1}]]
                (Background on this error at: https://sqlalche.me/e/21/xd2s)
                '''
        del error  # its traceback holds the coroutine that was never awaited
        gc.collect()
    print(sorted({str(w.message) for w in caught if issubclass(w.category, RuntimeWarning)}))
    #> ["coroutine 'Connection.cursor' was never awaited"]
    # --8<-- [end:errors]

    # --8<-- [start:expire-on-commit]
    NoExpireFactory = async_sessionmaker(engine, expire_on_commit=False)

    async def read_after_commit():
        async with NoExpireFactory() as session:
            author = await session.scalar(select(Author))
            await session.commit()
            return author.name  # no SELECT needed: nothing was expired

    print("expire_on_commit=False:", await requests(read_after_commit, "kim"))
    #> expire_on_commit=False: 20 requests, failures: 0
    # --8<-- [end:expire-on-commit]

    # --8<-- [start:selectinload]
    async def count_books():
        async with SessionFactory() as session:
            stmt = select(Author).options(selectinload(Author.books))
            author = await session.scalar(stmt)
            return len(author.books)  # loaded by the same await as the Author

    print("selectinload():", await requests(count_books, 2))
    #> selectinload(): 20 requests, failures: 0
    # --8<-- [end:selectinload]

    # --8<-- [start:awaitable-attrs]
    async def awaited_reads():
        async with SessionFactory() as session:
            author = await session.scalar(select(Author))
            books = await author.awaitable_attrs.books
            await session.commit()
            name = await author.awaitable_attrs.name
            return len(books), name

    print("awaitable_attrs:", await requests(awaited_reads, (2, "kim")))
    #> awaitable_attrs: 20 requests, failures: 0
    # --8<-- [end:awaitable-attrs]

    # --8<-- [start:refresh]
    async def refresh_after_rollback():
        async with NoExpireFactory() as session:
            author = await session.scalar(select(Author))
            await session.rollback()  # expires everything, even with expire_on_commit=False
            await session.refresh(author, ["name", "books"])
            return author.name, len(author.books)

    print("refresh():", await requests(refresh_after_rollback, ("kim", 2)))
    #> refresh(): 20 requests, failures: 0
    # --8<-- [end:refresh]

    # --8<-- [start:lazy-raise]
    async def read_book_author(*options):
        async with SessionFactory() as session:
            book = await session.scalar(select(Book).options(*options))
            return book.author.name

    try:
        await read_book_author()
    except InvalidRequestError as exc:
        print(str(exc))
        #> 'Book.author' is not available due to lazy='raise'
    print("no load:", await requests(read_book_author, "kim"))
    #> no load: 20 requests, failures: 20

    async def read_book_author_loaded():
        return await read_book_author(selectinload(Book.author))

    print("selectinload(Book.author):", await requests(read_book_author_loaded, "kim"))
    #> selectinload(Book.author): 20 requests, failures: 0
    # --8<-- [end:lazy-raise]

    await engine.dispose()


asyncio.run(main())
