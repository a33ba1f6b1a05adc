# needs: sqlite+aiosqlite
import asyncio
from asyncio import current_task

from sqlalchemy import text
from sqlalchemy.ext.asyncio import (
    async_scoped_session,
    async_sessionmaker,
    create_async_engine,
)

engine = create_async_engine("sqlite+aiosqlite:///demo.db")
SessionFactory = async_sessionmaker(engine, expire_on_commit=False)
ScopedSession = async_scoped_session(SessionFactory, scopefunc=current_task)


async def load_part(n):  # called through gather(): runs in a task of its own
    return await ScopedSession.scalar(text(f"SELECT {n}"))  # (1)!


async def in_own_scope(coro):  # (2)!
    try:
        return await coro
    finally:
        await ScopedSession.remove()


async def handle_request(fixed):
    try:
        if fixed:
            parts = [in_own_scope(load_part(1)), in_own_scope(load_part(2))]
        else:
            parts = [load_part(1), load_part(2)]
        return await asyncio.gather(*parts)
    finally:
        await ScopedSession.remove()  # removes the request task's entry only


async def main():
    print(await handle_request(fixed=False))
    #> [1, 2]
    print("entries left:", len(ScopedSession.registry.registry))  # (3)!
    #> entries left: 2
    leftover = ScopedSession.registry.registry  # internal dict, cleaned up by hand here
    for session in leftover.values():
        await session.close()
    leftover.clear()

    print(await handle_request(fixed=True))
    #> [1, 2]
    print("entries left:", len(ScopedSession.registry.registry))  # (4)!
    #> entries left: 0
    await engine.dispose()


asyncio.run(main())
