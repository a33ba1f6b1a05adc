# needs: postgresql+psycopg
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from sqlalchemy import create_engine, text

WEBAPP = '''\
import json
import os
import time
from pathlib import Path

from sqlalchemy import Column, Integer, MetaData, String, Table, create_engine, func, insert, select

engine = create_engine(
    os.environ["DATABASE_URL"],
    pool_size=1,  # a sync worker serves one request at a time
    max_overflow=0,
    pool_pre_ping=True,
    connect_args={"application_name": "webapp"},
)
metadata = MetaData()
orders = Table("orders", metadata, Column("id", Integer, primary_key=True), Column("payment", String(10)))
metadata.create_all(engine)  # at import: with --preload, in the master, before the fork


def place_order():
    with engine.begin() as conn:
        conn.execute(insert(orders).values(payment="accepted"))
        return conn.scalar(select(func.pg_backend_pid()))


def declined_order():
    with engine.connect() as conn:
        conn.execute(insert(orders).values(payment="declined"))
        backend = conn.scalar(select(func.pg_backend_pid()))
        Path("inserted.flag").touch()
        deadline = time.monotonic() + 10
        while not Path("payment.flag").exists() and time.monotonic() < deadline:
            time.sleep(0.01)  # a slow payment service, called inside the transaction
        conn.rollback()  # the payment was declined
        return backend


def app(environ, start_response):  # the WSGI application that Gunicorn serves
    declined = environ["PATH_INFO"] == "/orders/declined"
    backend = declined_order() if declined else place_order()
    start_response("200 OK", [("Content-Type", "application/json")])
    return [json.dumps({"worker": os.getpid(), "backend": backend}).encode()]
'''

CONFIG = """\
# --8<-- [start:config]
# gunicorn.conf.py
preload_app = True  # --preload: import the app once, in the master, then fork
worker_class = "sync"
workers = 2
graceful_timeout = 5


def post_fork(server, worker):  # in each worker, right after the fork
    from webapp import engine

    engine.dispose(close=False)  # forget the master's connections, do not close them
# --8<-- [end:config]
"""

url = os.environ["DATABASE_URL"]
admin = create_engine(url)
with admin.begin() as conn:
    conn.execute(text("drop table if exists orders"))
    started = conn.scalar(text("select clock_timestamp()"))
Path("webapp.py").write_text(WEBAPP)  # (1)!
Path("gunicorn.conf.py").write_text(CONFIG)
for flag in ("inserted.flag", "payment.flag"):
    Path(flag).unlink(missing_ok=True)
with socket.socket() as s:
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]


def post(path):
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=b"", method="POST")
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.load(response)


def wait_for(ready, timeout=10):
    deadline = time.monotonic() + timeout
    while not ready():
        if time.monotonic() > deadline:
            raise TimeoutError(Path("gunicorn.log").read_text())
        time.sleep(0.01)


def listening():  # (2)!
    if server.poll() is not None:
        raise RuntimeError(Path("gunicorn.log").read_text())
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
        return True
    except OSError:
        return False


def attempt(_):
    try:
        return post("/orders")
    except OSError:  # refused, reset, timed out, or an HTTP error status
        return None


with open("gunicorn.log", "w") as log:
    server = subprocess.Popen(  # (3)!
        [sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py",
         "--bind", f"127.0.0.1:{port}", "--no-control-socket", "webapp:app"],
        env={**os.environ, "DATABASE_URL": url},
        stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
try:
    wait_for(listening)
    with ThreadPoolExecutor(8) as pool:
        pending = pool.submit(post, "/orders/declined")  # worker A waits inside its transaction
        wait_for(Path("inserted.flag").exists)
        placed = post("/orders")  # so worker B serves this one
        Path("payment.flag").touch()
        declined = pending.result()
        results = list(pool.map(attempt, range(48)))  # (4)!
    with admin.connect() as conn:
        kept = conn.scalar(text("select count(*) from orders where payment = 'declined'"))
        sessions = conn.scalar(
            text("select count(*) from pg_stat_activity where application_name = 'webapp' and backend_start > :t"),
            {"t": started},
        )
finally:
    server.terminate()  # (5)!
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)  # the master and its workers
        server.wait()

workers = {placed["worker"], declined["worker"]}
backends = {placed["backend"], declined["backend"]}
print(f"{len(workers)} workers on {len(backends)} server sessions, declined order kept: {kept > 0}")
#> 2 workers on 2 server sessions, declined order kept: False
served = [r for r in results if r is not None]
print(f"{len(results)} requests, failures: {len(results) - len(served)}")
#> 48 requests, failures: 0
by_worker = {}
for r in [placed, declined, *served]:
    by_worker.setdefault(r["worker"], set()).add(r["backend"])
own = all(len(b) == 1 for b in by_worker.values()) and len(set().union(*by_worker.values())) == len(by_worker)
print(f"each worker on its own server session: {own}")
#> each worker on its own server session: True
print(f"server sessions of webapp: {sessions} (master 1, workers 2)")  # (6)!
#> server sessions of webapp: 3 (master 1, workers 2)
admin.dispose()
