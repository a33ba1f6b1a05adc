import asyncio
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


def make_app(db_dependency):
    app = FastAPI()

    def current_user(db: Annotated[Session, db_dependency]):  # (1)!
        return db.scalar(text("select 'kim'"))

    @app.get("/me")
    def me(user: Annotated[str, Depends(current_user)]):  # (2)!
        return user

    return app


async def three_requests(app):
    anyio.to_thread.current_default_thread_limiter().total_tokens = 1  # (3)!
    transport = httpx2.ASGITransport(app=app)
    async with httpx2.AsyncClient(transport=transport, base_url="http://test") as client:
        async def get():
            try:
                return (await client.get("/me")).json()
            except exc.TimeoutError as error:
                return f"TimeoutError {error.code}"

        return await asyncio.gather(get(), get(), get())


print(asyncio.run(three_requests(make_app(Depends(get_db)))))  # (4)!
#> ['kim', 'TimeoutError 3o7r', 'TimeoutError 3o7r']
print(asyncio.run(three_requests(make_app(Depends(get_db, max_concurrency=1)))))  # (5)!
#> ['kim', 'kim', 'kim']
engine.dispose()
