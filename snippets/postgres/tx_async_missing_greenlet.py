import asyncio
import gc
import os
import traceback
import warnings
from pathlib import Path

from sqlalchemy import make_url
from sqlalchemy.exc import MissingGreenlet, StatementError
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Item(Base):
    __tablename__ = "items"
    id: Mapped[int] = mapped_column(primary_key=True)
    label: Mapped[str]


def missing_greenlet(exc):  # (1)!
    if isinstance(exc, MissingGreenlet):
        return exc
    if isinstance(exc, StatementError) and isinstance(exc.orig, MissingGreenlet):
        return exc.orig
    return None


async def main():
    url = make_url(os.environ["DATABASE_URL"]).set(drivername="postgresql+asyncpg")
    engine = create_async_engine(url)
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.drop_all)
        await conn.run_sync(Base.metadata.create_all)
    SessionFactory = async_sessionmaker(engine)  # default: expire_on_commit=True
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        async with SessionFactory() as session:
            item = Item(label="a")
            session.add(item)
            await session.commit()  # expires item
            try:
                print(item.label)  # (2)!
            except (MissingGreenlet, StatementError) as exc:
                if missing_greenlet(exc) is None:
                    raise
                print(type(exc).__name__, isinstance(exc, StatementError))  # (3)!
                #> MissingGreenlet False
                for frame in traceback.extract_tb(exc.__traceback__)[-2:]:  # (4)!
                    print(Path(frame.filename).name, frame.name)
                    #> asyncpg.py execute
                    #> concurrency.py await_
            await session.refresh(item)  # (5)!
            print(item.label)
            #> a
        gc.collect()
    print([str(w.message) for w in caught if issubclass(w.category, RuntimeWarning)])  # (6)!
    #> []
    await engine.dispose()


asyncio.run(main())
