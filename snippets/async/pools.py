import asyncio

from sqlalchemy.ext.asyncio import create_async_engine


async def main():
    for url in ("sqlite+aiosqlite:///demo.db", "sqlite+aiosqlite://"):
        engine = create_async_engine(url)
        print(f"{url:28} {type(engine).__name__} {type(engine.pool).__name__}")
        #> sqlite+aiosqlite:///demo.db  AsyncEngine AsyncAdaptedQueuePool
        #> sqlite+aiosqlite://          AsyncEngine StaticPool
        await engine.dispose()


asyncio.run(main())
