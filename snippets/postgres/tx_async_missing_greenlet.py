# needs: postgresql+asyncpg, postgresql+psycopg
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


async def expired_read(driver):
    url = make_url(os.environ["DATABASE_URL"]).set(drivername=driver)
    engine = create_async_engine(url)
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.drop_all)
        await conn.run_sync(Base.metadata.create_all)
    SessionFactory = async_sessionmaker(engine)  # default: expire_on_commit=True
    error = None
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
                error = exc
            await session.refresh(item)  # (3)!
            label = item.label
            failures = 0
            for n in range(20):  # the fix in a loop: commit, then read again with an await
                item.label = f"v{n}"
                await session.commit()
                await session.refresh(item)
                failures += item.label != f"v{n}"
        gc.collect()
    await engine.dispose()
    return error, label, [str(w.message) for w in caught if issubclass(w.category, RuntimeWarning)], failures


async def main():
    results = {driver: await expired_read(f"postgresql+{driver}") for driver in ("asyncpg", "psycopg")}
    for driver, (error, _, _, _) in results.items():
        print(driver, type(error).__name__, isinstance(error, StatementError))  # (4)!
        #> asyncpg MissingGreenlet False
        #> psycopg StatementError True
    for driver, (error, _, _, _) in results.items():
        frames = traceback.extract_tb(missing_greenlet(error).__traceback__)[-2:]
        print(driver, [f"{Path(frame.filename).name} {frame.name}" for frame in frames])  # (5)!
        #> asyncpg ['asyncpg.py execute', 'concurrency.py await_']
        #> psycopg ['asyncio.py _aenter_cursor', 'concurrency.py await_']
    for driver, (_, label, runtime_warnings, _) in results.items():
        print(driver, "after refresh:", label, "| RuntimeWarning:", runtime_warnings)  # (6)!
        #> asyncpg after refresh: a | RuntimeWarning: []
        #> psycopg after refresh: a | RuntimeWarning: []
    for driver, (_, _, _, failures) in results.items():
        print(f"{driver}, commit then refresh: 20 reads, failures: {failures}")  # (7)!
        #> asyncpg, commit then refresh: 20 reads, failures: 0
        #> psycopg, commit then refresh: 20 reads, failures: 0


asyncio.run(main())
