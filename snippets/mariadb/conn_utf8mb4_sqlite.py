# needs: sqlite+pysqlite (runs in a browser)
from sqlalchemy import Column, Integer, MetaData, String, Table, create_engine, func, select, text

metadata = MetaData()
names = Table("names", metadata, Column("id", Integer, primary_key=True), Column("name", String(50)))
engine = create_engine("sqlite://")
metadata.create_all(engine)
with engine.begin() as conn:
    print(conn.scalar(text("pragma encoding")))  # (1)!
    #> UTF-8
    conn.execute(names.insert(), {"id": 1, "name": "한글🎉"})
    print(conn.execute(select(names.c.name, func.length(names.c.name))).one())
    #> ('한글🎉', 3)
engine.dispose()
