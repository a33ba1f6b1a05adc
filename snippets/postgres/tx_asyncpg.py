# needs: postgresql+asyncpg
import asyncio
import os

from sqlalchemy import make_url, select
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Item(Base):
    __tablename__ = "items"
    id: Mapped[int] = mapped_column(primary_key=True)
    label: Mapped[str]


async def main():
    url = make_url(os.environ["DATABASE_URL"]).set(drivername="postgresql+asyncpg")  # (1)!
    engine = create_async_engine(url)
    print(engine.dialect.driver, type(engine.pool).__name__)  # (2)!
    #> asyncpg AsyncAdaptedQueuePool
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.drop_all)
        await conn.run_sync(Base.metadata.create_all)
    SessionFactory = async_sessionmaker(engine, expire_on_commit=False)
    async with SessionFactory() as session:
        session.add_all([Item(label="a"), Item(label="b")])
        await session.commit()  # (3)!
        labels = await session.scalars(select(Item.label).order_by(Item.id))
        print(labels.all())
        #> ['a', 'b']
    await engine.dispose()  # (4)!


asyncio.run(main())
