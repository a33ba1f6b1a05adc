# needs: mysql+pymysql
import os
import time

from sqlalchemy import create_engine, exc, make_url, text
from sqlalchemy.pool import NullPool

url = make_url(os.environ["MARIADB_URL"])
admin = create_engine(url, poolclass=NullPool)  # (1)!
with admin.begin() as conn:
    conn.execute(text("DROP USER IF EXISTS 'demo_app'@'%'"))
    conn.execute(text("CREATE USER 'demo_app'@'%' IDENTIFIED BY 'secret'"))  # (2)!
    conn.execute(text(f"GRANT ALL ON `{url.database}`.* TO 'demo_app'@'%'"))
    max_connections = conn.scalar(text("select @@max_connections"))
    others = conn.scalar(text("select count(*) from information_schema.processlist where id <> connection_id()"))
print("max_connections:", max_connections)
#> max_connections: 30

POOL_SIZE, MAX_OVERFLOW = 5, 5
processes = [create_engine(url.set(username="demo_app", password="secret"), pool_size=POOL_SIZE,
                           max_overflow=MAX_OVERFLOW) for _ in range(4)]  # (3)!
held, refused = [], None
for engine in processes:
    try:
        for _ in range(POOL_SIZE + MAX_OVERFLOW):
            held.append(engine.connect())
    except exc.OperationalError as error:
        refused = error.orig.args  # (4)!
        break
print("refused:", refused)
#> refused: (1040, 'Too many connections')
print("connections opened by the app = free slots:", len(held) == max_connections - others)
#> connections opened by the app = free slots: True

extra = []
for attempt in range(2):
    try:
        extra.append(admin.connect())  # (5)!
    except exc.OperationalError as error:
        print(f"root, attempt {attempt + 1}:", error.orig.args)
        #> root, attempt 2: (1040, 'Too many connections')
print("root got the extra connection:", len(extra) == 1)
#> root got the extra connection: True

for conn in held + extra:
    conn.close()
for engine in processes:
    engine.dispose()
with admin.begin() as conn:
    conn.execute(text("DROP USER 'demo_app'@'%'"))
    while conn.scalar(text("select count(*) from information_schema.processlist where user = 'demo_app'")):
        time.sleep(0.05)
admin.dispose()
