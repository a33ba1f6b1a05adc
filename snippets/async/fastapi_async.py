# needs: sqlite+aiosqlite
import gc
import warnings
from contextlib import asynccontextmanager
from typing import Annotated

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import ResponseValidationError
from fastapi.testclient import TestClient
from pydantic import BaseModel, ConfigDict
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Note(Base):
    __tablename__ = "notes"
    id: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str]


class NoteOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int
    text: str


@asynccontextmanager
async def lifespan(app: FastAPI):
    engine = create_async_engine("sqlite+aiosqlite:///app.db")  # (1)!
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.drop_all)  # a fresh table on every run
        await conn.run_sync(Base.metadata.create_all)
    app.state.SessionFactory = async_sessionmaker(engine)  # default: expire_on_commit=True
    yield
    await engine.dispose()  # (2)!


app = FastAPI(lifespan=lifespan)


async def get_session(request: Request):
    async with request.app.state.SessionFactory() as session:  # (3)!
        yield session


@app.post("/notes", response_model=NoteOut)
async def create_note(
    text: str, session: Annotated[AsyncSession, Depends(get_session)], refresh: bool = False
):
    note = Note(text=text)
    session.add(note)
    await session.commit()  # (4)!
    if refresh:
        await session.refresh(note)  # (5)!
    return note


with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    with TestClient(app) as client:  # (6)!
        try:
            client.post("/notes", params={"text": "hi"})
        except ResponseValidationError as exc:
            errors = exc.errors()
            print(len(errors), errors[0]["type"], [e["loc"] for e in errors])
            #> 2 get_attribute_error [('response', 'id'), ('response', 'text')]
            print(errors[0]["msg"].splitlines()[0])
            '''
            Error extracting attribute: StatementError: (sqlalchemy.exc.MissingGreenlet) greenlet_spawn has not been called; can't call await_() here. Was IO attempted in an unexpected place?
            '''
        response = client.post("/notes", params={"text": "hi", "refresh": True})
        print(response.status_code, response.json())
        #> 200 {'id': 2, 'text': 'hi'}
    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.post("/notes", params={"text": "hi"})
        print(response.status_code, response.text)  # (7)!
        #> 500 Internal Server Error
    gc.collect()
print(sorted({str(w.message) for w in caught if issubclass(w.category, RuntimeWarning)}))
#> ["coroutine 'Connection.cursor' was never awaited"]
