import os

from sqlalchemy import create_engine, exc, make_url, text
from sqlalchemy.pool import NullPool

url = os.environ["DATABASE_URL"]
admin = create_engine(url, poolclass=NullPool)
with admin.begin() as conn:
    conn.execute(text("drop role if exists demo_app"))
    conn.execute(text("create role demo_app login password 'demo-only'"))  # (1)!
    setting = {name: int(conn.scalar(text(f"show {name}"))) for name in
               ("max_connections", "superuser_reserved_connections", "reserved_connections")}
app_url = make_url(url).set(username="demo_app", password="demo-only")


def open_until_refused(engine_url):
    held, engine = [], create_engine(engine_url, poolclass=NullPool)
    try:
        for _ in range(setting["max_connections"] + 1):
            held.append(engine.connect())
    except exc.OperationalError as error:
        return held, str(error.orig).split("FATAL:  ")[-1]  # (2)!
    return held, "never refused"


app_held, message = open_until_refused(app_url)
print(message)
#> remaining connection slots are reserved for roles with the SUPERUSER attribute
admin_held, message = open_until_refused(url)
print(message)
#> sorry, too many clients already
held = app_held + admin_held
for conn in held:
    conn.close()

limit = setting["max_connections"] - setting["superuser_reserved_connections"] - setting["reserved_connections"]
processes, other_clients = 3, 6
per_process = (limit - other_clients) // processes  # (3)!
workers = [create_engine(app_url, pool_size=per_process - 2, max_overflow=2) for _ in range(processes)]
peak = [engine.connect() for engine in workers for _ in range(per_process)]
print("every process at its peak:", len(peak) == processes * per_process)
#> every process at its peak: True
for conn in peak:
    conn.close()
for engine in workers:
    engine.dispose()
with admin.begin() as conn:
    conn.execute(text("drop role demo_app"))
admin.dispose()
