# needs: mysql+aiomysql, mysql+pymysql
import asyncio
import os
import threading
from collections import Counter

from sqlalchemy import String, create_engine, make_url, select
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker


class Base(DeclarativeBase):
    pass


class Job(Base):
    __tablename__ = "jobs"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(20))
    runs: Mapped[int] = mapped_column(default=0)


JOBS, WORKERS = 24, 4
engine = create_engine(os.environ["MARIADB_URL"])
Base.metadata.drop_all(engine)
Base.metadata.create_all(engine)
next_job = (  # (1)!
    select(Job).where(Job.runs == 0).order_by(Job.id).limit(1).with_for_update(skip_locked=True)
)


def add_jobs():
    with Session(engine) as session:
        session.execute(Job.__table__.delete())
        session.add_all([Job(name=f"job {n}") for n in range(JOBS)])
        session.commit()


def outcome():  # how many times each job ran
    with Session(engine) as session:
        return Counter(session.scalars(select(Job.runs)).all())


def worker(SessionFactory):  # PyMySQL: one thread per worker
    while True:
        with SessionFactory() as session:
            job = session.scalars(next_job).first()  # (2)!
            if job is None:
                return
            job.runs += 1
            session.commit()  # (3)!


async def async_worker(SessionFactory):  # aiomysql: one task per worker
    while True:
        async with SessionFactory() as session:
            job = (await session.scalars(next_job)).first()
            if job is None:
                return
            job.runs += 1
            await session.commit()


add_jobs()
threads = [threading.Thread(target=worker, args=(sessionmaker(engine),)) for _ in range(WORKERS)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
runs = outcome()
print(f"PyMySQL, {WORKERS} threads: {runs.total()} jobs, failures: {runs.total() - runs[1]}")  # (4)!
#> PyMySQL, 4 threads: 24 jobs, failures: 0


async def main():
    async_engine = create_async_engine(make_url(os.environ["MARIADB_URL"]).set(drivername="mysql+aiomysql"))
    SessionFactory = async_sessionmaker(async_engine)
    await asyncio.gather(*(async_worker(SessionFactory) for _ in range(WORKERS)))
    await async_engine.dispose()


add_jobs()
asyncio.run(main())
runs = outcome()
print(f"aiomysql, {WORKERS} tasks: {runs.total()} jobs, failures: {runs.total() - runs[1]}")
#> aiomysql, 4 tasks: 24 jobs, failures: 0
engine.dispose()
