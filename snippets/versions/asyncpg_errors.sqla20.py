# needs: postgresql+asyncpg
import asyncio
import os

from sqlalchemy import make_url, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import create_async_engine


async def main():
    url = make_url(os.environ["DATABASE_URL"]).set(drivername="postgresql+asyncpg")
    engine = create_async_engine(url)
    async with engine.begin() as conn:
        await conn.execute(text("DROP TABLE IF EXISTS users"))
        await conn.execute(text("CREATE TABLE users (id int PRIMARY KEY)"))
        await conn.execute(text("INSERT INTO users VALUES (1)"))
    try:
        async with engine.begin() as conn:
            await conn.execute(text("INSERT INTO users VALUES (1)"))
    except IntegrityError as exc:
        print(type(exc.orig).__name__, [cls.__name__ for cls in type(exc.orig).__mro__ if cls.__module__ == "sqlalchemy.exc"])
        #> IntegrityError []
        print(str(exc.orig).splitlines())
        '''
        [
            '<class \'asyncpg.exceptions.UniqueViolationError\'>: duplicate key value violates unique constraint "users_pkey"',
            'DETAIL:  Key (id)=(1) already exists.',
        ]
        '''
        print(hasattr(exc, "driver_exception"))
        #> False
        driver_error = exc.driver_exception if hasattr(exc, "driver_exception") else exc.orig.__cause__
        print(type(driver_error).__module__, type(driver_error).__name__, "|", driver_error.detail)
        #> asyncpg.exceptions UniqueViolationError | Key (id)=(1) already exists.
    await engine.dispose()


asyncio.run(main())
