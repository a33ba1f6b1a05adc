# needs: sqlite+pysqlite (runs in a browser)
import logging
import re

from sqlalchemy import create_engine, text

LOGGERS = ["sqlalchemy.engine.Engine", "sqlalchemy.pool.impl.QueuePool"]


class Collect(logging.Handler):
    def __init__(self):
        super().__init__()
        self.lines = []

    def emit(self, record):
        message = re.sub(r" at 0x[0-9a-f]+", "", record.getMessage())  # (1)!
        message = re.sub(r"(in|since) [0-9.e+-]+s", r"\1 ...s", message)
        self.lines.append(f"{record.levelname} {record.name}: {message}")


def run(**flags):
    handler = Collect()
    for name in LOGGERS:
        logging.getLogger(name).addHandler(handler)  # (2)!
    engine = create_engine("sqlite:///app.db", **flags)
    with engine.connect() as conn:
        conn.execute(text("select 42")).all()
        conn.execute(text("select 42")).all()  # (3)!
    with engine.connect() as conn:
        conn.invalidate()  # (4)!
    engine.dispose()
    for name in LOGGERS:
        logging.getLogger(name).removeHandler(handler)
    return "\n".join(handler.lines)


print(run(echo=True))
'''
INFO sqlalchemy.engine.Engine: BEGIN (implicit)
INFO sqlalchemy.engine.Engine: select 42
INFO sqlalchemy.engine.Engine: [generated in ...s] ()
INFO sqlalchemy.engine.Engine: select 42
INFO sqlalchemy.engine.Engine: [cached since ...s ago] ()
INFO sqlalchemy.engine.Engine: ROLLBACK
'''
print(run(echo="debug"))
'''
INFO sqlalchemy.engine.Engine: BEGIN (implicit)
INFO sqlalchemy.engine.Engine: select 42
INFO sqlalchemy.engine.Engine: [generated in ...s] ()
DEBUG sqlalchemy.engine.Engine: Col ('42',)
DEBUG sqlalchemy.engine.Engine: Row (42,)
INFO sqlalchemy.engine.Engine: select 42
INFO sqlalchemy.engine.Engine: [cached since ...s ago] ()
DEBUG sqlalchemy.engine.Engine: Col ('42',)
DEBUG sqlalchemy.engine.Engine: Row (42,)
INFO sqlalchemy.engine.Engine: ROLLBACK
'''
print(run(echo_pool=True))
'''
INFO sqlalchemy.pool.impl.QueuePool: Invalidate connection <sqlite3.Connection object>
INFO sqlalchemy.pool.impl.QueuePool: Pool disposed. Pool size: 5  Connections in pool: 0 Current Overflow: -5 Current Checked out connections: 0
INFO sqlalchemy.pool.impl.QueuePool: Pool recreating
'''
print(run(echo_pool="debug"))
'''
DEBUG sqlalchemy.pool.impl.QueuePool: Created new connection <sqlite3.Connection object>
DEBUG sqlalchemy.pool.impl.QueuePool: Connection <sqlite3.Connection object> checked out from pool
DEBUG sqlalchemy.pool.impl.QueuePool: Connection <sqlite3.Connection object> being returned to pool
DEBUG sqlalchemy.pool.impl.QueuePool: Connection <sqlite3.Connection object> reset, transaction already reset
DEBUG sqlalchemy.pool.impl.QueuePool: Connection <sqlite3.Connection object> checked out from pool
INFO sqlalchemy.pool.impl.QueuePool: Invalidate connection <sqlite3.Connection object>
DEBUG sqlalchemy.pool.impl.QueuePool: Hard-closing connection <sqlite3.Connection object>
INFO sqlalchemy.pool.impl.QueuePool: Pool disposed. Pool size: 5  Connections in pool: 0 Current Overflow: -5 Current Checked out connections: 0
INFO sqlalchemy.pool.impl.QueuePool: Pool recreating
'''
