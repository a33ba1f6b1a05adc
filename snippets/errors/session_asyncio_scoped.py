# needs: sqlite+aiosqlite
import asyncio
from typing import Annotated

import httpx2
from fastapi import Depends, FastAPI
from sqlalchemy import create_engine, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import Session, scoped_session, sessionmaker

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

REQUESTS = 20
async_engine = create_async_engine("sqlite+aiosqlite:///requests.db")
AsyncSessionFactory = async_sessionmaker(async_engine)


def get_session():
    with SessionFactory() as session:
        yield session


async def get_async_session():
    async with AsyncSessionFactory() as session:  # (4)!
        yield session


app = FastAPI()
seen = {"scoped_session": [], "Depends(get_session)": [], "Depends(get_async_session)": []}
all_in_flight = {}


async def in_flight(name, session):
    seen[name].append(session)
    await asyncio.wait_for(all_in_flight[name].wait(), timeout=5)  # (5)!


@app.get("/scoped")
async def with_scoped_session():
    await in_flight("scoped_session", ScopedSession())


@app.get("/dependency")
async def with_dependency(session: Annotated[Session, Depends(get_session)]):
    await in_flight("Depends(get_session)", session)


@app.get("/async-dependency")
async def with_async_dependency(session: Annotated[AsyncSession, Depends(get_async_session)]):
    await in_flight("Depends(get_async_session)", session)
    await session.scalar(select(1))


async def send_requests():
    transport = httpx2.ASGITransport(app=app)
    async with httpx2.AsyncClient(transport=transport, base_url="http://test") as client:
        for name, path in zip(seen, ("/scoped", "/dependency", "/async-dependency")):
            all_in_flight[name] = asyncio.Barrier(REQUESTS)
            await asyncio.gather(*(client.get(path) for _ in range(REQUESTS)))
    await async_engine.dispose()


asyncio.run(send_requests())
for name, sessions in seen.items():
    shared = sum(sessions.count(session) > 1 for session in sessions)
    print(f"{name}: {len(sessions)} requests, failures: {shared}")  # (6)!
    #> scoped_session: 20 requests, failures: 20
    #> Depends(get_session): 20 requests, failures: 0
    #> Depends(get_async_session): 20 requests, failures: 0
ScopedSession.remove()
engine.dispose()
