# needs: sqlite+aiosqlite
import asyncio
import gc
import warnings

from sqlalchemy import ForeignKey, select
from sqlalchemy.exc import MissingGreenlet, StatementError
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class Author(Base):
    __tablename__ = "authors"
    id: Mapped[int] = mapped_column(primary_key=True)
    books: Mapped[list["Book"]] = relationship()


class Book(Base):
    __tablename__ = "books"
    id: Mapped[int] = mapped_column(primary_key=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("authors.id"))


async def main():
    engine = create_async_engine("sqlite+aiosqlite://")
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    async with AsyncSession(engine) as session:
        session.add(Author(books=[Book()]))
        await session.commit()
        author = await session.scalar(select(Author))
        try:
            print(author.books)  # a lazy load outside await
        except (StatementError, MissingGreenlet) as exc:
            error = exc.orig if isinstance(exc, StatementError) else exc
            print(type(exc).__name__, "->", type(error).__name__)
            #> MissingGreenlet -> MissingGreenlet
            print(str(error).split(";")[1].split(".")[0].strip())
            #> can't call await_only() here
    await engine.dispose()


with warnings.catch_warnings():
    # 2.1 leaves the driver's coroutine unawaited; collect it here instead of warning at exit
    warnings.simplefilter("ignore", RuntimeWarning)
    asyncio.run(main())
    gc.collect()
