# needs: nothing (runs in a browser)
import inspect

from sqlalchemy import create_engine
from sqlalchemy.pool import NullPool, Pool, QueuePool


def default(cls, name):
    return inspect.signature(cls).parameters[name].default


print("pool_size    ->", default(QueuePool, "pool_size"))  # (1)!
#> pool_size    -> 5
print("max_overflow ->", default(QueuePool, "max_overflow"))
#> max_overflow -> 10
print("pool_timeout ->", default(QueuePool, "timeout"))
#> pool_timeout -> 30.0
print("pool_recycle ->", default(Pool, "recycle"))
#> pool_recycle -> -1
print("pool_pre_ping ->", default(Pool, "pre_ping"))
#> pool_pre_ping -> False

engine = create_engine("sqlite:///app.db")  # (2)!
print(engine.pool.size(), engine.pool.timeout())
#> 5 30.0
engine.dispose()

try:
    create_engine("sqlite:///app.db", poolclass=NullPool, pool_size=5)  # (3)!
except TypeError as error:
    print(type(error).__name__, error)
    '''
    TypeError
    Invalid argument(s) 'pool_size' sent to create_engine(), using configuration SQLiteDialect_pysqlite/NullPool/Engine.  Please check that the keyword arguments are appropriate for this combination of components.
    '''
