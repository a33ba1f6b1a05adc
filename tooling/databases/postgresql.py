"""A real PostgreSQL server for the tests, from the binaries that the `pgserver` wheel bundles.

`pip install -r requirements.txt` brings the server (PostgreSQL 16) with everything else, so the
README's test command needs no system package and no manual step. The server listens on
127.0.0.1 only, on a free port, with its data directory in a temporary folder, and is stopped
when the test session ends, passed or failed (the fixture's finalizer, and an atexit hook for a
run that is interrupted). PostgreSQL refuses to run as root: under root the server runs as the
system user `pgserver` (created on first use, as pgserver itself does).

Run `python -m tooling.databases.postgresql` to start one by hand for writing a snippet: it prints
the URL to export as DATABASE_URL and stops the server on Ctrl-C or `kill`.
"""

from __future__ import annotations

import atexit
import importlib.util
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from tooling.databases import DATABASES, ServerError, ServerMissing
from tooling.databases.local import check_version, free_port, processes_naming, serve_by_hand

# Settings the pages rely on: a small max_connections so that running out of connections is
# quick to show, and English messages whatever the machine's locale.
SETTINGS = {"max_connections": "30", "superuser_reserved_connections": "3", "lc_messages": "C", "fsync": "off"}
SERVER_USER = "pgserver"


def _binaries() -> Path:
    """pgserver's bin folder, found without importing pgserver (which only wraps these files)."""
    spec = importlib.util.find_spec("pgserver")
    if spec is None or not spec.submodule_search_locations:
        raise ServerMissing(
            "the pgserver wheel, which bundles the PostgreSQL binaries, is not installed (pip install -r requirements.txt)"
        )
    bin_dir = Path(spec.submodule_search_locations[0]) / "pginstall" / "bin"
    for name in ("initdb", "pg_ctl", "postgres"):
        if not os.access(bin_dir / name, os.X_OK):
            raise ServerMissing(f"PostgreSQL binary {bin_dir / name} is missing or not executable")
    return bin_dir


def _run_as() -> dict:
    """subprocess options that run the server as a non-root user when we are root."""
    if os.geteuid() != 0:
        return {}
    import pwd

    try:
        pwd.getpwnam(SERVER_USER)
    except KeyError:
        created = subprocess.run(
            ["useradd", "--system", "--no-create-home", SERVER_USER], capture_output=True, text=True, check=False
        )
        if created.returncode:
            raise ServerError(
                f"PostgreSQL cannot run as root and `useradd {SERVER_USER}` failed: {created.stderr.strip()}"
            )
    return {"user": SERVER_USER, "group": SERVER_USER}


class Server:
    """One PostgreSQL server: start() it, then url(database), create_database(), stop()."""

    def __init__(self, folder: Path | None = None):
        self.folder = Path(folder or tempfile.mkdtemp(prefix="sessionbook-pg-"))
        self.data = self.folder / "data"
        self.log = self.folder / "server.log"
        self.port = 0
        self.running = False

    def url(self, database: str = "postgres", driver: str = "psycopg") -> str:
        return f"postgresql+{driver}://postgres@127.0.0.1:{self.port}/{database}"

    def _step(self, what: str, args: list[str], **options) -> None:
        result = subprocess.run(args, capture_output=True, text=True, timeout=60, check=False, **options)
        if result.returncode:
            log = self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""
            raise ServerError(
                f"{what} failed ({' '.join(args[:1])} exit {result.returncode}) in {self.data}:\n"
                f"{result.stderr.strip() or result.stdout.strip()}\n{log}"
            )

    def start(self) -> Server:
        bin_dir, run_as = _binaries(), _run_as()
        if run_as:
            os.chmod(self.folder, 0o755)
            shutil.chown(self.folder, SERVER_USER, SERVER_USER)
        self._step(
            "initdb (data directory)",
            [
                str(bin_dir / "initdb"),
                "-D",
                str(self.data),
                "-U",
                "postgres",
                "--auth=trust",
                "--encoding=UTF8",
                "--locale=C",
            ],
            **run_as,
        )
        with open(self.data / "postgresql.conf", "a") as conf:
            conf.writelines(f"{key} = '{value}'\n" for key, value in SETTINGS.items())
        self.port = free_port()
        options = f"-h 127.0.0.1 -p {self.port} -k {self.folder}"
        self._step(
            f"pg_ctl start (port {self.port})",
            [
                str(bin_dir / "pg_ctl"),
                "-D",
                str(self.data),
                "-l",
                str(self.log),
                "-o",
                options,
                "-w",
                "-t",
                "30",
                "start",
            ],
            **run_as,
        )
        self.running = True
        atexit.register(self.stop)
        check_version("pgserver's postgres", self.version(), DATABASES["postgresql"].version)
        return self

    @staticmethod
    def version() -> str:
        """The server's version, as its binary reports it: '16.4'."""
        result = subprocess.run(
            [str(_binaries() / "postgres"), "--version"], capture_output=True, text=True, check=True
        )
        return result.stdout.split()[-1]

    def stop(self) -> None:
        if self.running:
            subprocess.run(
                [str(_binaries() / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop"],
                capture_output=True,
                timeout=60,
                check=False,
                **_run_as(),
            )
            self.running = False
        shutil.rmtree(self.folder, ignore_errors=True)

    def pids(self) -> list[int]:
        """Processes of this server still alive: the postmaster (started with our data directory)
        and its children (the backends, the checkpointer and the rest)."""
        return processes_naming(self.data)

    def create_database(self, name: str) -> str:
        """A fresh, empty database; its SQLAlchemy URL (psycopg driver)."""
        import psycopg

        with psycopg.connect(
            host="127.0.0.1", port=self.port, user="postgres", dbname="postgres", autocommit=True
        ) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)


if __name__ == "__main__":
    serve_by_hand(Server(), DATABASES["postgresql"].variable)
