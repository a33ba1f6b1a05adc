# needs: sqlite+pysqlite (runs in a browser)
import time

from sqlalchemy import create_engine, event, exc, text

IDLE_LIMIT = 0.5  # (1)!


def with_firewall(engine):
    """Close every pooled connection that sat idle longer than IDLE_LIMIT, as a firewall would."""
    returned = {}
    event.listen(engine, "checkin", lambda dbapi_conn, record: returned.update({dbapi_conn: time.monotonic()}))

    def drop_idle():
        for dbapi_conn, since in list(returned.items()):
            if time.monotonic() - since > IDLE_LIMIT:
                dbapi_conn.close()
                del returned[dbapi_conn]

    return drop_idle


engines = {
    "without pool_recycle": create_engine("sqlite:///app.db"),
    "pool_recycle=0.3": create_engine("sqlite:///app.db", pool_recycle=0.3),  # (2)!
}
firewalls = {name: with_firewall(engine) for name, engine in engines.items()}
failures = dict.fromkeys(engines, 0)

for n in range(20):
    if n == 10:
        time.sleep(1.0)  # (3)!
    for name, engine in engines.items():
        firewalls[name]()
        try:
            with engine.begin() as conn:
                conn.scalar(text("select 'ok'"))
        except exc.DBAPIError:
            failures[name] += 1

without = failures["without pool_recycle"]
print(f"without pool_recycle, a request failed: {without > 0}")  # (4)!
#> without pool_recycle, a request failed: True
print(f"pool_recycle=0.3: 20 requests, failures: {failures['pool_recycle=0.3']}")
#> pool_recycle=0.3: 20 requests, failures: 0
for engine in engines.values():
    engine.dispose()
