# needs: postgresql+psycopg, postgresql+asyncpg
import asyncio
import os

import asyncpg
from sqlalchemy import create_engine, exc, make_url, text
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

url = os.environ["DATABASE_URL"]
admin = create_engine(url, poolclass=NullPool)  # (1)!
with admin.begin() as conn:
    conn.execute(text("drop role if exists demo_app"))
    conn.execute(text("create role demo_app login password 'demo-only'"))  # (2)!
    settings = {name: int(conn.scalar(text(f"show {name}")))
                for name in ("max_connections", "superuser_reserved_connections", "reserved_connections")}
    in_use = conn.scalar(text("select count(*) - 1 from pg_stat_activity where backend_type = 'client backend'"))

processes = settings["max_connections"] // 10 + 1  # (3)!
app_url = make_url(url).set(username="demo_app", password="demo-only")
workers = [create_engine(app_url, pool_size=5, max_overflow=5) for _ in range(processes)]
held = []
try:
    for engine in workers:
        for _ in range(10):
            held.append(engine.connect())  # every worker at its peak: pool_size + max_overflow
except exc.OperationalError as error:
    print(error.orig.sqlstate, "|", str(error.orig).split("FATAL:  ")[-1])  # (4)!
    '''
    None
    |
    remaining connection slots are reserved for roles with the SUPERUSER attribute
    '''


async def try_asyncpg():
    engine = create_async_engine(app_url.set(drivername="postgresql+asyncpg"))
    try:
        async with engine.connect():
            pass
    except (exc.DBAPIError, asyncpg.PostgresError) as error:  # 2.0 does not wrap this one
        print("asyncpg:", getattr(error, "orig", error).sqlstate)  # (5)!
        #> asyncpg: 53300
    await engine.dispose()


asyncio.run(try_asyncpg())
limit = settings["max_connections"] - settings["superuser_reserved_connections"] - settings["reserved_connections"]
print("the app got every unreserved slot:", in_use + len(held) == limit)
#> the app got every unreserved slot: True

try:
    for _ in range(settings["superuser_reserved_connections"] + settings["reserved_connections"] + 1):
        held.append(admin.connect())  # (6)!
except exc.OperationalError as error:
    print(str(error.orig).split("FATAL:  ")[-1])
    #> sorry, too many clients already
print("every slot taken:", in_use + len(held) == settings["max_connections"])
#> every slot taken: True

for conn in held:
    conn.close()
for engine in workers:
    engine.dispose()
with admin.begin() as conn:
    conn.execute(text("drop role demo_app"))
admin.dispose()
