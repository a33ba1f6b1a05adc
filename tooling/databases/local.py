"""What every server module shares: a free port on 127.0.0.1, and the processes still alive that
name a server's folder in their command line (the server and its children)."""

from __future__ import annotations

import socket
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def processes_naming(folder: Path) -> list[int]:
    """PIDs of the processes whose command line names `folder`, and of their children."""
    import psutil

    found = []
    for proc in psutil.process_iter(["cmdline"]):
        try:
            if any(str(folder) in part for part in proc.info["cmdline"] or []):
                found += [proc.pid] + [child.pid for child in proc.children(recursive=True)]
        except psutil.NoSuchProcess:
            continue
    return found


def serve_by_hand(server, variable: str) -> None:
    """`python -m tooling.databases.NAME`: start a server for writing a snippet, print the line to
    export, and stop it on Ctrl-C or `kill`."""
    import signal
    import sys
    import time

    server.start()
    print(f"export {variable}={server.url()}", flush=True)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # `kill` stops the server too
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
