# needs: postgresql+psycopg
import os

from sqlalchemy import String, create_engine, select, update
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class Order(Base):
    __tablename__ = "orders"
    id: Mapped[int] = mapped_column(primary_key=True)
    status: Mapped[str] = mapped_column(String(20))


engine = create_engine(os.environ["DATABASE_URL"])
Base.metadata.drop_all(engine)
Base.metadata.create_all(engine)
with Session(engine) as session:
    session.add(Order(id=1, status="new"))
    session.commit()

status = select(Order.status).where(Order.id == 1)
reader = Session(engine)
print(reader.connection().get_isolation_level(), "| reader sees", reader.scalar(status))
#> READ COMMITTED | reader sees new
with Session(engine) as writer:
    writer.execute(update(Order).where(Order.id == 1).values(status="paid"))
    writer.commit()
print("reader sees", reader.scalar(status))  # (1)!
#> reader sees paid
reader.close()
engine.dispose()
