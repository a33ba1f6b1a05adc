# needs: sqlite+aiosqlite
import asyncio
import gc
import warnings

from sqlalchemy.exc import MissingGreenlet, StatementError
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]


async def main():
    engine = create_async_engine("sqlite+aiosqlite:///app.db")  # a file: one connection per session
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)

    SessionFactory = async_sessionmaker(engine)  # default: expire_on_commit=True
    async with SessionFactory() as session:
        user = User(name="kim")
        session.add(user)
        await session.commit()  # (1)!
        try:
            print(user.name)
        except (StatementError, MissingGreenlet) as exc:  # (2)!
            error = exc.orig if isinstance(exc, StatementError) else exc
            print(type(exc).__name__, "->", type(error).__name__)
            #> StatementError -> MissingGreenlet
            print(str(error).split(" (Background")[0])
            '''
            greenlet_spawn has not been called; can't call await_() here. Was IO attempted in an unexpected place?
            '''
            sql = str(exc).partition("[SQL: ")[2].partition("]")[0]
            print("SQL:", " ".join(sql.split()) or None)  # (3)!
            #> SQL: SELECT users.id, users.name FROM users WHERE users.id = ?

    async def request(factory, i):  # what an endpoint does: create, commit, return the object
        async with factory() as session:
            user = User(name=f"user {i}")
            session.add(user)
            await session.commit()
            return user.id, user.name  # read after the commit, as a response model does

    async def requests(factory):  # 20 concurrent requests, each with its own session
        results = await asyncio.gather(
            *(request(factory, i) for i in range(20)), return_exceptions=True
        )
        return f"{len(results)} requests, failures: {sum(isinstance(r, Exception) for r in results)}"

    print("default:", await requests(SessionFactory))
    #> default: 20 requests, failures: 20
    SessionFactory = async_sessionmaker(engine, expire_on_commit=False)  # (4)!
    print("expire_on_commit=False:", await requests(SessionFactory))
    #> expire_on_commit=False: 20 requests, failures: 0
    await engine.dispose()


with warnings.catch_warnings():
    # aiosqlite leaves the driver's coroutine unawaited on 2.1; collect it here, silently
    warnings.simplefilter("ignore", RuntimeWarning)
    asyncio.run(main())
    gc.collect()
