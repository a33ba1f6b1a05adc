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
