# needs: postgresql+asyncpg
import asyncio
import gc
import logging
import os
import warnings

from sqlalchemy import make_url, text
from sqlalchemy.exc import InterfaceError
from sqlalchemy.ext.asyncio import create_async_engine

url = make_url(os.environ["DATABASE_URL"]).set(drivername="postgresql+asyncpg")
engine = create_async_engine(url)  # (1)!


async def query():
    async with engine.connect() as conn:
        return await conn.scalar(text("SELECT 1"))


class Records(logging.Handler):
    def __init__(self):
        super().__init__()
        self.errors = []

    def emit(self, record):
        message = record.getMessage().split(" <")[0]  # drop the connection's address
        self.errors.append(f"{message}: {record.exc_info[1]}")


records = Records()
pool_logger = logging.getLogger("sqlalchemy.pool")
pool_logger.addHandler(records)
pool_logger.propagate = False  # the records stay with this handler
with warnings.catch_warnings():
    warnings.simplefilter("ignore", RuntimeWarning)  # asyncpg's cancel, never awaited
    print(asyncio.run(query()))  # (2)!
    #> 1
    try:
        asyncio.run(query())  # (3)!
    except RuntimeError as exc:
        print(str(exc)[str(exc).index("got Future") :])
        '''
        got Future <Future pending cb=[BaseProtocol._on_waiter_completed()]> attached to a different loop
        '''
    try:
        asyncio.run(query())  # (4)!
    except InterfaceError as exc:
        message = str(exc.orig)
        print(message[message.index("cannot") :])
        #> cannot perform operation: another operation is in progress
    asyncio.run(engine.dispose())  # (5)!
    gc.collect()
pool_logger.removeHandler(records)
pool_logger.propagate = True
print(records.errors)
#> ['Exception closing connection: Event loop is closed']
