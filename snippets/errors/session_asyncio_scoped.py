import asyncio

from sqlalchemy import create_engine
from sqlalchemy.orm import scoped_session, sessionmaker

engine = create_engine("sqlite://")
SessionFactory = sessionmaker(engine)
ScopedSession = scoped_session(SessionFactory)  # (1)!


async def scoped_request(seen):
    seen.append(ScopedSession())
    await asyncio.sleep(0)  # (2)!


async def own_session_request(seen):
    with SessionFactory() as session:  # (3)!
        seen.append(session)
        await asyncio.sleep(0)


async def main():
    for request in (scoped_request, own_session_request):
        seen = []
        await asyncio.gather(request(seen), request(seen))
        print(request.__name__, "same Session:", seen[0] is seen[1])
        #> scoped_request same Session: True
        #> own_session_request same Session: False


asyncio.run(main())
ScopedSession.remove()
engine.dispose()
