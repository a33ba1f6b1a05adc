# needs: sqlite+aiosqlite
import asyncio
from asyncio import current_task

from sqlalchemy import text
from sqlalchemy.ext.asyncio import (
    async_scoped_session,
    async_sessionmaker,
    create_async_engine,
)

engine = create_async_engine("sqlite+aiosqlite://")
SessionFactory = async_sessionmaker(engine, expire_on_commit=False)

try:
    async_scoped_session(SessionFactory)
except TypeError as exc:
    print(str(exc))  # (1)!
    '''
    async_scoped_session.__init__() missing 1 required positional argument: 'scopefunc'
    '''

ScopedSession = async_scoped_session(SessionFactory, scopefunc=current_task)  # (2)!


async def load_answer():  # deep in the call stack: no session parameter
    return await ScopedSession.scalar(text("SELECT 42"))


async def handle(remove):  # the outermost awaitable of one task
    try:
        same = ScopedSession() is ScopedSession()  # (3)!
        return same, await load_answer(), ScopedSession()
    finally:
        if remove:
            await ScopedSession.remove()  # (4)!


async def main():
    results = await asyncio.gather(handle(remove=True), handle(remove=True))
    print(results[0][:2], results[1][:2], results[0][2] is results[1][2])
    #> (True, 42) (True, 42) False
    print(len(ScopedSession.registry.registry))
    #> 0

    results = await asyncio.gather(handle(remove=False), handle(remove=False))
    print(len(ScopedSession.registry.registry))  # (5)!
    #> 2
    for _, _, session in results:
        await session.close()
    await engine.dispose()


asyncio.run(main())
