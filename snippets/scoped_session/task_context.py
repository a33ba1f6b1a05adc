# needs: nothing
import asyncio
from contextvars import ContextVar

from sqlalchemy import create_engine
from sqlalchemy.orm import scoped_session, sessionmaker

request_id = ContextVar("request_id")
engine = create_engine("sqlite://")
SessionFactory = sessionmaker(engine)
ScopedSession = scoped_session(SessionFactory, scopefunc=request_id.get)


async def child(scope=None):
    if scope:
        request_id.set(f"{request_id.get()}/{scope}")  # (1)!
    return ScopedSession()


async def handle_request():
    request_id.set("req-1")
    mine = ScopedSession()
    tasks = await asyncio.gather(child(), child())  # (2)!
    print([session is mine for session in tasks])
    #> [True, True]
    threads = await asyncio.gather(  # (3)!
        asyncio.to_thread(ScopedSession), asyncio.to_thread(ScopedSession)
    )
    print([session is mine for session in threads])
    #> [True, True]
    own = await asyncio.gather(child("a"), child("b"))
    print([session is mine for session in own], own[0] is own[1], request_id.get())  # (4)!
    #> [False, False] False req-1
    print(sorted(ScopedSession.registry.registry))  # (5)!
    #> ['req-1', 'req-1/a', 'req-1/b']


asyncio.run(handle_request())
for session in ScopedSession.registry.registry.values():
    session.close()
engine.dispose()
