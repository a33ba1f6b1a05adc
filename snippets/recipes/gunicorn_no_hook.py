# needs: postgresql+psycopg
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from sqlalchemy import create_engine, text

WEBAPP = '''\
import json
import os
import time
from pathlib import Path

from sqlalchemy import Column, Integer, MetaData, String, Table, create_engine, exc, func, insert, select

engine = create_engine(
    os.environ["DATABASE_URL"],
    pool_size=1,
    max_overflow=0,
    pool_pre_ping=os.environ["PRE_PING"] == "on",
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
    try:
        body = {"backend": declined_order() if declined else place_order()}
        status = "200 OK"
    except exc.DBAPIError as error:  # the demo shows the driver's message
        body = {"error": str(error.orig).splitlines()[0].split("failed: ")[-1]}
        status = "500 Internal Server Error"
    start_response(status, [("Content-Type", "application/json")])
    return [json.dumps({"worker": os.getpid(), **body}).encode()]
'''

CONFIG = """\
preload_app = True
worker_class = "sync"
workers = 2
graceful_timeout = 5
"""

url = os.environ["DATABASE_URL"]
admin = create_engine(url)
Path("webapp.py").write_text(WEBAPP)
Path("gunicorn.conf.py").write_text(CONFIG)  # no post_fork hook


def post(port, path):
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=b"", method="POST")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.load(response)
    except urllib.error.HTTPError as error:  # a 500 with the app's JSON
        return json.load(error)


def wait_for(ready, timeout=10):
    deadline = time.monotonic() + timeout
    while not ready():
        if time.monotonic() > deadline:
            raise TimeoutError(Path("gunicorn.log").read_text())
        time.sleep(0.01)


def listening(server, port):
    if server.poll() is not None:
        raise RuntimeError(Path("gunicorn.log").read_text())
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
        return True
    except OSError:
        return False


def two_orders(pre_ping):
    with admin.begin() as conn:
        conn.execute(text("drop table if exists orders"))
    for flag in ("inserted.flag", "payment.flag"):
        Path(flag).unlink(missing_ok=True)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with open("gunicorn.log", "w") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py",
             "--bind", f"127.0.0.1:{port}", "--no-control-socket", "webapp:app"],
            env={**os.environ, "DATABASE_URL": url, "PRE_PING": pre_ping},
            stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )
    try:
        wait_for(lambda: listening(server, port))
        with ThreadPoolExecutor(1) as pool:
            pending = pool.submit(post, port, "/orders/declined")  # (1)!
            wait_for(Path("inserted.flag").exists)
            placed = post(port, "/orders")  # (2)!
            Path("payment.flag").touch()
            declined = pending.result()
        with admin.connect() as conn:
            kept = conn.scalar(text("select count(*) from orders where payment = 'declined'"))
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
    return placed, declined, kept > 0


placed, declined, kept = two_orders(pre_ping="off")
workers = len({placed["worker"], declined["worker"]})
sessions = len({placed["backend"], declined["backend"]})
errors = sum("error" in r for r in (placed, declined))
print(f"pre-ping off: {workers} workers, {sessions} server session, errors: {errors}, declined order kept: {kept}")  # (3)!
#> pre-ping off: 2 workers, 1 server session, errors: 0, declined order kept: True
placed, declined, kept = two_orders(pre_ping="on")
workers = len({placed["worker"], declined["worker"]})
errors = sum("error" in r for r in (placed, declined))
print(f"pre-ping on: {workers} workers, errors: {errors}, declined order kept: {kept}")
#> pre-ping on: 2 workers, errors: 2, declined order kept: False
print(placed["error"])  # (4)!
#> can't change 'autocommit' now: connection in transaction status INTRANS
print(declined["error"])  # (5)!
#> server closed the connection unexpectedly
admin.dispose()
