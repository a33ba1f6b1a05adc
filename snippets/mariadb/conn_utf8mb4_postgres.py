# needs: postgresql+psycopg
import os

from sqlalchemy import Column, Integer, MetaData, String, Table, create_engine, func, select, text

metadata = MetaData()
names = Table("names", metadata, Column("id", Integer, primary_key=True), Column("name", String(50)))
engine = create_engine(os.environ["DATABASE_URL"])
metadata.drop_all(engine)
metadata.create_all(engine)
with engine.begin() as conn:
    print(conn.scalar(text("show server_encoding")), conn.scalar(text("show client_encoding")))  # (1)!
    #> UTF8 UTF8
    conn.execute(names.insert(), {"id": 1, "name": "한글🎉"})
    print(conn.execute(select(names.c.name, func.length(names.c.name), func.octet_length(names.c.name))).one())
    #> ('한글🎉', 3, 10)
engine.dispose()
