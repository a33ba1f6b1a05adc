# needs: postgresql+psycopg, pgbouncer
import os

import psycopg
from sqlalchemy import NullPool, create_engine, exc, make_url, text

bouncer = make_url(os.environ["PGBOUNCER_URL"])
console = bouncer.set(drivername="postgresql", database="pgbouncer").render_as_string(hide_password=False)
engine = create_engine(bouncer, poolclass=NullPool, connect_args={"prepare_threshold": None})
direct = create_engine(os.environ["DATABASE_URL"], poolclass=NullPool)
ADVISORY_LOCKS = text("select count(*) from pg_locks where locktype = 'advisory'")


def new_server_sessions():  # (1)!
    with psycopg.connect(console, autocommit=True) as admin:
        admin.execute(f"RECONNECT {bouncer.database}")


def error(exception):
    return f"{type(exception.orig).__name__}: {str(exception.orig).splitlines()[0]}"


new_server_sessions()
with engine.connect() as a, engine.connect() as b:
    a.execute(text("set statement_timeout = '2s'"))
    a.commit()
    b.execute(text("select 1"))  # (2)!
    print("SET: a sees", a.scalar(text("show statement_timeout")), "and b sees", b.scalar(text("show statement_timeout")))
    #> SET: a sees 0 and b sees 2s
    a.commit()
    b.commit()

    a.execute(text("select pg_advisory_lock(42)"))
    a.commit()
    b.execute(text("select 1"))
    print("advisory lock: b takes a's lock:", b.scalar(text("select pg_try_advisory_lock(42)")))
    #> advisory lock: b takes a's lock: True
    print("a unlocks it:", a.scalar(text("select pg_advisory_unlock(42)")))  # (3)!
    #> a unlocks it: False
    a.commit()
    b.commit()

    a.execute(text("create temporary table cart (item text)"))
    a.execute(text("insert into cart values ('book')"))
    a.commit()
    b.execute(text("select 1"))
    print("temporary table: b reads a's cart:", b.scalars(text("select item from cart")).all())
    #> temporary table: b reads a's cart: ['book']
    try:
        a.scalars(text("select item from cart")).all()
    except exc.DBAPIError as exception:
        print("a reads its cart:", error(exception))
        #> a reads its cart: UndefinedTable: relation "cart" does not exist
        a.rollback()
    b.commit()

    a.execute(text("listen jobs"))
    a.commit()
    b.execute(text("notify jobs, 'invoice 1'"))
    b.commit()
    for name, conn in (("a", a), ("b", b)):
        conn.execute(text("select 1"))
        conn.commit()
        received = [n.payload for n in conn.connection.driver_connection.notifies(timeout=0, stop_after=1)]
        print(f"LISTEN: {name} received", received)
        #> LISTEN: a received []
        #> LISTEN: b received ['invoice 1']

with direct.connect() as conn:
    print("every client is gone; advisory locks still held:", conn.scalar(ADVISORY_LOCKS))  # (4)!
    #> every client is gone; advisory locks still held: 1
new_server_sessions()
engine.dispose()
direct.dispose()
