# needs: sqlite+pysqlite
import asyncio
import time
from typing import Annotated

import anyio.to_thread
import httpx2
from fastapi import Depends, FastAPI
from sqlalchemy import create_engine, exc, text
from sqlalchemy.orm import Session

engine = create_engine("sqlite:///app.db", pool_size=1, max_overflow=0, pool_timeout=0.5)


def get_db():
    with Session(engine) as session:
        yield session


def make_app(SessionDep, work):
    app = FastAPI()

    def current_user(db: SessionDep):  # (1)!
        name = db.scalar(text("select 'kim'"))
        time.sleep(work)  # slow work while the session holds the connection
        return name

    @app.get("/me")
    def me(user: Annotated[str, Depends(current_user)]):  # (2)!
        return user

    @app.get("/count")
    def count(db: SessionDep):
        return db.scalar(text("select count(*) from (select 1)"))

    return app


async def requests(app, threads, paths):
    anyio.to_thread.current_default_thread_limiter().total_tokens = threads  # (3)!
    transport = httpx2.ASGITransport(app=app)
    async with httpx2.AsyncClient(transport=transport, base_url="http://test") as client:
        async def get(path):
            try:
                return (await client.get(path)).json()
            except exc.TimeoutError as error:
                return f"TimeoutError {error.code}"

        return await asyncio.gather(*(get(path) for path in paths))


for n in (2, 3):  # (4)!
    results = asyncio.run(requests(make_app(Annotated[Session, Depends(get_db)], work=0.2), 2, ["/me"] * n))
    print(f"2 threads, pool of 1, {n} requests:", sorted(set(results)))
    #> 2 threads, pool of 1, 2 requests: ['kim']
    #> 2 threads, pool of 1, 3 requests: ['TimeoutError 3o7r', 'kim']

SessionDep = Annotated[Session, Depends(get_db, max_concurrency=1)]  # (5)!
results = asyncio.run(requests(make_app(SessionDep, work=0.01), 2, ["/me", "/count"] * 10))
failures = sum(result not in ("kim", 1) for result in results)
print(f"with max_concurrency: {len(results)} requests, failures: {failures}")
#> with max_concurrency: 20 requests, failures: 0
engine.dispose()
