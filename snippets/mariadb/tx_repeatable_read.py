# needs: mysql+pymysql
import os

from sqlalchemy import String, create_engine, select, update
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class Order(Base):
    __tablename__ = "orders"
    id: Mapped[int] = mapped_column(primary_key=True)
    status: Mapped[str] = mapped_column(String(20))  # MySQL's VARCHAR needs a length


engine = create_engine(os.environ["MARIADB_URL"])
Base.metadata.drop_all(engine)
Base.metadata.create_all(engine)
with Session(engine) as session:
    session.add(Order(id=1, status="new"))
    session.commit()

status = select(Order.status).where(Order.id == 1)  # (1)!
reader = Session(engine)  # a session that stays open between requests
print(reader.connection().get_isolation_level(), "| reader sees", reader.scalar(status))  # (2)!
#> REPEATABLE READ | reader sees new
with Session(engine) as writer:
    writer.execute(update(Order).where(Order.id == 1).values(status="paid"))
    writer.commit()  # (3)!
    print("writer committed, a new session sees", writer.scalar(status))
    #> writer committed, a new session sees paid
print("reader sees", reader.scalar(status))  # (4)!
#> reader sees new
reader.commit()  # (5)!
print("after its commit, reader sees", reader.scalar(status))
#> after its commit, reader sees paid
reader.close()
engine.dispose()
