from typing import Annotated

from fastapi import BackgroundTasks, Depends, FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import create_engine
from sqlalchemy.orm import Session, sessionmaker

engine = create_engine("sqlite://")
SessionFactory = sessionmaker(engine)
log = []


def get_session():
    with SessionFactory() as session:
        yield session
    log.append("closed")  # (1)!


class LogResponseSent:  # (2)!
    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        async def send_and_log(message):
            await send(message)
            if message["type"] == "http.response.body" and not message.get("more_body"):
                log.append("sent")

        await self.app(scope, receive, send_and_log)


app = FastAPI()
app.add_middleware(LogResponseSent)


@app.get("/default")
def default(tasks: BackgroundTasks, session: Annotated[Session, Depends(get_session)]):
    tasks.add_task(log.append, "task")
    log.append("returned")


@app.get("/function")
def function(tasks: BackgroundTasks, session: Annotated[Session, Depends(get_session, scope="function")]):
    tasks.add_task(log.append, "task")
    log.append("returned")


with TestClient(app) as client:
    for path in ("/default", "/function"):
        log.clear()
        client.get(path)
        print(path, " > ".join(log))  # (3)!
        #> /default returned > sent > task > closed
        #> /function returned > closed > sent > task
engine.dispose()
