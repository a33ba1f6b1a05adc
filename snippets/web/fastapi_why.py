# needs: nothing
import asyncio
from typing import Annotated

import httpx2
from fastapi import Depends, FastAPI
from sqlalchemy import create_engine
from sqlalchemy.orm import Session, scoped_session, sessionmaker

engine = create_engine("sqlite://")
SessionFactory = sessionmaker(engine)
ScopedSession = scoped_session(SessionFactory)


def get_session():
    with SessionFactory() as session:
        yield session


app = FastAPI()
seen = {"scoped": [], "dependency": []}
both_arrived = asyncio.Barrier(2)


@app.get("/scoped")
async def with_scoped_session():
    seen["scoped"].append(ScopedSession())  # (1)!
    await asyncio.wait_for(both_arrived.wait(), timeout=5)  # (2)!


@app.get("/dependency")
async def with_dependency(session: Annotated[Session, Depends(get_session)]):
    seen["dependency"].append(session)  # (3)!
    await asyncio.wait_for(both_arrived.wait(), timeout=5)


async def main():
    transport = httpx2.ASGITransport(app=app)  # (4)!
    async with httpx2.AsyncClient(transport=transport, base_url="http://test") as client:
        for path in ("/scoped", "/dependency"):  # two requests at once, on one thread
            await asyncio.gather(client.get(path), client.get(path))


asyncio.run(main())
a, b = seen["scoped"]
print(a is b)  # (5)!
#> True
a, b = seen["dependency"]
print(a is b)
#> False

ScopedSession.remove()
engine.dispose()
