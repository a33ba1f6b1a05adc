# needs: mysql+pymysql
import os

from sqlalchemy import Column, Integer, MetaData, String, Table, create_engine, exc, make_url, select, text
from sqlalchemy.pool import NullPool

url = make_url(os.environ["MARIADB_URL"])
metadata = MetaData()
tables = {
    charset: Table(f"names_{charset}", metadata, Column("id", Integer, primary_key=True),
                   Column("name", String(50)), mysql_charset=charset)  # (1)!
    for charset in ("utf8mb4", "utf8mb3", "latin1")
}
admin = create_engine(url, poolclass=NullPool)
metadata.drop_all(admin)
metadata.create_all(admin)
with admin.connect() as conn:
    print(conn.scalar(text("select @@sql_mode")))
    '''
    STRICT_TRANS_TABLES,ERROR_FOR_DIVISION_BY_ZERO,NO_AUTO_CREATE_USER,NO_ENGINE_SUBSTITUTION
    '''


def store(table, name, engine_url=url, **connect_args):
    engine = create_engine(engine_url, poolclass=NullPool, connect_args=connect_args)
    try:
        with engine.begin() as conn:
            conn.execute(table.delete())
            conn.execute(table.insert(), {"id": 1, "name": name})
        with admin.connect() as conn:
            return f"stored {conn.scalar(select(table.c.name))!r}"
    except exc.DBAPIError as error:
        code, message = error.orig.args
        return f"{type(error).__name__} {code} {message.split(': ')[1].split(' for')[0]}"
    except UnicodeEncodeError as error:
        return f"{type(error).__name__} {error.object[error.start:error.end]!r}"


cases = [
    ("utf8mb3", "한글", {}),
    ("utf8mb3", "한글🎉", {}),  # (2)!
    ("utf8mb3", "한글🎉", {"sql_mode": ""}),  # (3)!
    ("latin1", "한글", {}),
    ("latin1", "한글", {"sql_mode": ""}),
]
for charset, name, connect_args in cases:
    mode = "sql_mode=''" if connect_args else "strict"
    print(f"{charset} table, {mode}, {name}: {store(tables[charset], name, **connect_args)}")
    #> utf8mb3 table, strict, 한글: stored '한글'
    #> utf8mb3 table, strict, 한글🎉: DataError 1366 '\xF0\x9F\x8E\x89'
    #> utf8mb3 table, sql_mode='', 한글🎉: stored '한글?'
    #> latin1 table, strict, 한글: DataError 1366 '\xED\x95\x9C\xEA\xB8\x80'
    #> latin1 table, sql_mode='', 한글: stored '??'

for charset in ("utf8mb3", "latin1"):  # (4)!
    other = url.update_query_dict({"charset": charset})
    print(f"charset={charset} connection writes 한글🎉: {store(tables['utf8mb4'], '한글🎉', other)}")
    #> charset=utf8mb3 connection writes 한글🎉: DataError 1366 '\xF0\x9F\x8E\x89'
    #> charset=latin1 connection writes 한글🎉: UnicodeEncodeError '한글🎉'

with admin.begin() as conn:
    conn.execute(tables["utf8mb4"].insert(), {"id": 1, "name": "한글🎉"})
for charset in ("utf8mb3", "latin1"):
    reader = create_engine(url.update_query_dict({"charset": charset}))
    with reader.connect() as conn:
        print(f"charset={charset} connection reads 한글🎉 as", repr(conn.scalar(select(tables["utf8mb4"].c.name))))  # (5)!
        #> charset=utf8mb3 connection reads 한글🎉 as '한글?'
        #> charset=latin1 connection reads 한글🎉 as '???'
    reader.dispose()
admin.dispose()
