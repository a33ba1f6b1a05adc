# needs: postgresql+psycopg2, postgresql+psycopg
import os
import socket
import threading
import time

from sqlalchemy import create_engine, exc, make_url, text

url = make_url(os.environ["DATABASE_URL"])
admin = create_engine(url, isolation_level="AUTOCOMMIT")
drivers = {"psycopg": url, "psycopg2": url.set(drivername="postgresql+psycopg2")}  # (1)!


def wait_until_gone(pids):  # (2)!
    with admin.connect() as conn:
        while conn.scalar(text("select count(*) from pg_stat_activity where pid = any(:pids)"), {"pids": list(pids)}):
            time.sleep(0.01)


def terminate(*pids):
    with admin.connect() as conn:
        conn.execute(text("select pg_terminate_backend(pid) from unnest(:pids) as pid"), {"pids": list(pids)})
    wait_until_gone(pids)


def close_socket(fd):  # (3)!
    with socket.socket(fileno=os.dup(fd)) as sock:
        sock.shutdown(socket.SHUT_RDWR)


seen, invalidated = [], []
for driver, driver_url in drivers.items():
    for event in ("pg_terminate_backend", "idle_session_timeout", "socket closed"):
        options = {"options": "-c idle_session_timeout=500"} if event == "idle_session_timeout" else {}
        engine = create_engine(driver_url, connect_args=options)
        with engine.connect() as conn:
            pid = conn.scalar(text("select pg_backend_pid()"))
            fd = conn.connection.dbapi_connection.fileno()
        if event == "socket closed":
            close_socket(fd)
        elif event == "pg_terminate_backend":
            terminate(pid)
        elif event == "idle_session_timeout":
            wait_until_gone([pid])
        try:
            with engine.connect() as conn:
                conn.scalar(text("select 'ok'"))
        except exc.OperationalError as error:
            message = str(error.orig).splitlines()[0]
            seen.append(f"{driver}, {event}: {type(error.orig).__name__}: {message}")
            invalidated.append(error.connection_invalidated)
        engine.dispose()
print("\n".join(seen))
'''
psycopg, pg_terminate_backend: AdminShutdown: terminating connection due to administrator command
psycopg, idle_session_timeout: IdleSessionTimeout: terminating connection due to idle-session timeout
psycopg, socket closed: OperationalError: consuming input failed: server closed the connection unexpectedly
psycopg2, pg_terminate_backend: OperationalError: server closed the connection unexpectedly
psycopg2, idle_session_timeout: OperationalError: server closed the connection unexpectedly
psycopg2, socket closed: OperationalError: server closed the connection unexpectedly
'''
print(len(invalidated), "disconnects, invalidated:", all(invalidated))  # (4)!
#> 6 disconnects, invalidated: True


def request(engine, pids, failures, barrier):
    try:
        with engine.connect() as conn:
            pids.append(conn.scalar(text("select pg_backend_pid()")))
            barrier.wait(timeout=5)  # four requests at once: four connections
    except (exc.DBAPIError, threading.BrokenBarrierError):
        failures.append(1)


for driver, driver_url in drivers.items():
    engine = create_engine(driver_url, pool_size=4, pool_pre_ping=True)  # (5)!
    pids, failures, requests = [], [], 0
    for round_ in range(6):
        if round_:
            terminate(*pids)  # every pooled connection dies, as in a restart
            pids.clear()
            requests += 4
        barrier = threading.Barrier(4)
        threads = [threading.Thread(target=request, args=(engine, pids, failures, barrier)) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    print(f"{driver} with pre-ping: {requests} requests, failures: {len(failures)}")
    #> psycopg with pre-ping: 20 requests, failures: 0
    #> psycopg2 with pre-ping: 20 requests, failures: 0
    engine.dispose()
admin.dispose()
