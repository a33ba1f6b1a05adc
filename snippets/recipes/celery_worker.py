# needs: postgresql+psycopg
import os
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from celery import Celery
from sqlalchemy import create_engine, text

TASKS = '''\
import multiprocessing
import os

from celery import Celery
from celery.signals import worker_process_init
from sqlalchemy import create_engine, text
from sqlalchemy.orm import sessionmaker

engine = create_engine(
    os.environ["DATABASE_URL"],
    pool_size=1,  # a prefork child runs one task at a time
    max_overflow=1,  # room for a second session inside a task
)
Session = sessionmaker(engine)

app = Celery("tasks", broker="filesystem://")
app.conf.broker_transport_options = {
    "data_folder_in": "broker/queue",  # one folder: the worker reads where the senders write
    "data_folder_out": "broker/queue",
    "control_folder": "broker/control",
    "polling_interval": 0.05,  # seconds between looks at an empty folder (default 1)
}

# The main process uses the engine before it forks the children (here at import):
with engine.begin() as conn:
    conn.execute(text("insert into worker_main (backend_pid) values (pg_backend_pid())"))

# Not part of the recipe, only for the same output on every run: made before the fork, it holds
# each of the first two tasks until the other has started, so both children run tasks.
first_two = multiprocessing.Barrier(2)


@worker_process_init.connect
def dispose_inherited_pool(**kwargs):  # in each child, right after the fork
    engine.dispose(close=False)  # forget the main process's connections, do not close them


@app.task
def record(n):
    if n < 2:
        first_two.wait(timeout=5)
    with Session.begin() as session:  # its own session and transaction, committed at the end
        session.execute(
            text("insert into task_runs (n, child_pid, backend_pid) values (:n, :child, pg_backend_pid())"),
            {"n": n, "child": os.getpid()},
        )
'''

TASK_COUNT = 40
engine = create_engine(os.environ["DATABASE_URL"])
with engine.begin() as conn:
    conn.execute(text("drop table if exists task_runs, worker_main"))
    conn.execute(text("create table task_runs (n int primary key, child_pid int, backend_pid int)"))
    conn.execute(text("create table worker_main (backend_pid int)"))
Path("tasks.py").write_text(TASKS)  # (1)!
shutil.rmtree("broker", ignore_errors=True)  # messages an earlier run left behind
for folder in ("broker/queue", "broker/control"):
    os.makedirs(folder)

sender = Celery(broker="filesystem://")  # (2)!
sender.conf.broker_transport_options = {
    "data_folder_in": "broker/queue", "data_folder_out": "broker/queue", "control_folder": "broker/control",
}


def worker_connections():
    with engine.connect() as conn:
        return conn.scalar(text(
            "select count(*) from pg_stat_activity where datname = current_database()"
            " and backend_type = 'client backend' and pid <> pg_backend_pid()"
        ))


with open("worker.log", "w") as log:
    worker = subprocess.Popen(  # (3)!
        [sys.executable, "-m", "celery", "-A", "tasks", "worker", "--pool=prefork", "--concurrency=2",
         "--without-mingle", "--without-gossip", "--without-heartbeat", "--loglevel=WARNING"],
        stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
try:
    for n in range(TASK_COUNT):
        sender.send_task("tasks.record", args=[n])  # (4)!
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and worker.poll() is None:  # until done, or the worker died
        with engine.connect() as conn:
            if conn.scalar(text("select count(*) from task_runs")) == TASK_COUNT:
                break
        time.sleep(0.05)
    held = worker_connections()  # (5)!
finally:
    worker.send_signal(signal.SIGTERM)  # (6)!
    sender.control.shutdown()
    try:
        worker.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(worker.pid, signal.SIGKILL)  # the main process and its children
        worker.wait()

with engine.connect() as conn:
    runs = conn.execute(text("select child_pid, backend_pid from task_runs")).all()
    main_backend = conn.scalar(text("select backend_pid from worker_main"))
pairs = set(runs)  # each (child process, server connection) once
connections_per_child = Counter(child for child, _ in pairs)
shared = [backend for backend, children in Counter(b for _, b in pairs).items() if children > 1]
print(f"{len(runs)} tasks ran in {len(connections_per_child)} child processes")
#> 40 tasks ran in 2 child processes
print(f"server connections per child: {sorted(connections_per_child.values())}")
#> server connections per child: [1, 1]
print("no shared connection" if not shared else f"connections shared by two children: {len(shared)}")
#> no shared connection
print(f"a task on the main process's connection: {any(b == main_backend for _, b in runs)}")
#> a task on the main process's connection: False
print(f"connections the worker held: {held}")
#> connections the worker held: 3
failures = TASK_COUNT - len(runs) + sum(b in shared or b == main_backend for _, b in runs)
print(f"{TASK_COUNT} tasks, failures: {failures}")
#> 40 tasks, failures: 0
if failures:
    print(Path("worker.log").read_text())
engine.dispose()
