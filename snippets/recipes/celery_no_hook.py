# needs: postgresql+psycopg
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from celery import Celery
from sqlalchemy import create_engine, text

TASKS = '''\
import multiprocessing
import os

from celery import Celery
from sqlalchemy import create_engine, text
from sqlalchemy.orm import sessionmaker

engine = create_engine(os.environ["DATABASE_URL"], pool_size=1, max_overflow=1)
Session = sessionmaker(engine)

app = Celery("tasks", broker="filesystem://")
app.conf.broker_transport_options = {
    "data_folder_in": "broker/queue",
    "data_folder_out": "broker/queue",
    "control_folder": "broker/control",
    "polling_interval": 0.05,
}

with engine.begin() as conn:  # the main process uses the engine before it forks the children
    conn.execute(text("insert into worker_main (backend_pid) values (pg_backend_pid())"))

# No worker_process_init hook. The two objects below only make the output the same on every run:
both_children = multiprocessing.Barrier(2)  # each task waits for the other, so they run in two children
one_at_a_time = multiprocessing.Lock()  # the children take turns on the one socket they share


@app.task
def record(n):
    both_children.wait(timeout=5)
    with one_at_a_time, Session.begin() as session:
        session.execute(
            text("insert into task_runs (n, child_pid, backend_pid) values (:n, :child, pg_backend_pid())"),
            {"n": n, "child": os.getpid()},
        )
'''

TASK_COUNT = 2
engine = create_engine(os.environ["DATABASE_URL"])
with engine.begin() as conn:
    conn.execute(text("drop table if exists task_runs, worker_main"))
    conn.execute(text("create table task_runs (n int primary key, child_pid int, backend_pid int)"))
    conn.execute(text("create table worker_main (backend_pid int)"))
Path("tasks.py").write_text(TASKS)
shutil.rmtree("broker", ignore_errors=True)
for folder in ("broker/queue", "broker/control"):
    os.makedirs(folder)

sender = Celery(broker="filesystem://")
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
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "tasks", "worker", "--pool=prefork", "--concurrency=2",
         "--without-mingle", "--without-gossip", "--without-heartbeat", "--loglevel=WARNING"],
        stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
try:
    for n in range(TASK_COUNT):
        sender.send_task("tasks.record", args=[n])
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and worker.poll() is None:  # until done, or the worker died
        with engine.connect() as conn:
            if conn.scalar(text("select count(*) from task_runs")) == TASK_COUNT:
                break
        time.sleep(0.05)
    held = worker_connections()
finally:
    worker.send_signal(signal.SIGTERM)
    sender.control.shutdown()
    try:
        worker.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait()

with engine.connect() as conn:
    runs = conn.execute(text("select child_pid, backend_pid from task_runs")).all()
    main_backend = conn.scalar(text("select backend_pid from worker_main"))
print(f"{len(runs)} tasks ran in {len({child for child, _ in runs})} child processes")
#> 2 tasks ran in 2 child processes
print(f"server connections they used: {len({backend for _, backend in runs})}")  # (1)!
#> server connections they used: 1
print(f"the main process's connection: {all(backend == main_backend for _, backend in runs)}")
#> the main process's connection: True
print(f"connections the worker held: {held}")
#> connections the worker held: 1
if len(runs) < TASK_COUNT:
    print(Path("worker.log").read_text())
engine.dispose()
