"""What the server modules share: finding a binary, a free port on 127.0.0.1, waiting until a
server accepts connections, the end of its log, checking its version against the registry,
stopping its process, and the processes still alive that name a server's folder in their command
line (the server and its children)."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

from tooling.databases import ServerError, ServerMissing


def find_binary(name: str, install: str) -> str:
    """The path of the program `name` (also looked for in /usr/sbin, where Debian puts servers);
    ServerMissing, saying how Debian installs it (`install`), if there is none."""
    found = shutil.which(name) or shutil.which(name, path="/usr/sbin:/usr/bin")
    if not found:
        raise ServerMissing(f"{name} is not installed: on Debian, `{install}`")
    return found


def log_tail(log: Path) -> str:
    """The last 2,000 characters of a server's log, for an error message."""
    return log.read_text(errors="replace")[-2000:] if log.exists() else ""


def wait_until_ready(
    name: str, process: subprocess.Popen, port: int, log: Path, connect: Callable[[], None],
    refused: type[Exception], seconds: float,
) -> None:  # fmt: skip
    """Call connect() until it stops raising `refused`; ServerError with the log's end if the
    process exits first or `seconds` pass."""
    deadline = time.monotonic() + seconds
    while True:
        if process.poll() is not None:
            raise ServerError(f"{name} exited with {process.returncode}:\n{log_tail(log)}")
        try:
            connect()
            return
        except refused:
            if time.monotonic() > deadline:
                raise ServerError(
                    f"{name} did not accept connections on port {port} within {seconds} s:\n{log_tail(log)}"
                ) from None
            time.sleep(0.1)


def check_version(name: str, found: str, wanted: str) -> None:
    """ServerError unless the version the binary reports (`found`) is of the registry's `wanted`."""
    if not found.startswith(wanted + "."):
        raise ServerError(f"{name} is version {found}; the registry (tooling/databases) says {wanted}")


def stop_process(process: subprocess.Popen | None, seconds: float) -> None:
    """SIGTERM (the server shuts down cleanly), then SIGKILL if it is still running after `seconds`."""
    if process and process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=seconds)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


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
