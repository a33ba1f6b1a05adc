# needs: sqlite+aiosqlite, sqlite+pysqlite
import asyncio

from sqlalchemy import create_engine, text
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

engine = create_engine("sqlite:///app.db")
async_engine = create_async_engine("sqlite+aiosqlite:///app.db")
query = text("SELECT 1")


def read_sync():
    with Session(engine) as session:
        return session.scalar(query)


async def endpoint_blocking(events):
    events.append("query starts")
    read_sync()  # (1)!
    events.append("query done")


async def endpoint_threadpool(events):
    events.append("query starts")
    await run_in_threadpool(read_sync)  # (2)!
    events.append("query done")


async def endpoint_async(events):
    events.append("query starts")
    async with AsyncSession(async_engine) as session:
        await session.scalar(query)  # (3)!
    events.append("query done")


async def request(endpoint):
    events = []

    async def other_request():
        events.append("other request runs")

    other = asyncio.create_task(other_request())  # (4)!
    await endpoint(events)
    await other
    return events


async def main():
    for endpoint in (endpoint_blocking, endpoint_threadpool, endpoint_async):
        print(endpoint.__name__, await request(endpoint))
        #> endpoint_blocking ['query starts', 'query done', 'other request runs']
        #> endpoint_threadpool ['query starts', 'other request runs', 'query done']
        #> endpoint_async ['query starts', 'other request runs', 'query done']
    for endpoint in (endpoint_blocking, endpoint_threadpool, endpoint_async):
        runs = await asyncio.gather(*(request(endpoint) for _ in range(20)))  # (5)!
        failures = sum(events[-1] == "other request runs" for events in runs)
        print(f"{endpoint.__name__}: {len(runs)} requests, failures: {failures}")
        #> endpoint_blocking: 20 requests, failures: 20
        #> endpoint_threadpool: 20 requests, failures: 0
        #> endpoint_async: 20 requests, failures: 0
    await async_engine.dispose()


asyncio.run(main())
engine.dispose()
