"""A real MariaDB server for the tests, from Debian's `mariadb-server-core` package.

No wheel bundles a MySQL or MariaDB server, so this one comes from the system: `.ci/run` installs
`mariadb-server-core` (the README's test command names it beside the browser packages). The
server listens on 127.0.0.1 only, on a free port, with its data directory, socket and temporary
files in a folder of its own (two servers setting up at once in one /tmp collide), and is stopped when the test session ends, passed or failed. Started with
`--no-defaults`, it reads no /etc/mysql configuration: the settings below are all it has, the
ones a Debian server ships with (utf8mb4) and the ones the pages rely on. As root it runs with
`--user=root`, which mariadbd accepts when asked explicitly.

Run `python -m tooling.databases.mariadb` to start one by hand for writing a snippet: it prints
the URL to export as MARIADB_URL and stops the server on Ctrl-C or `kill`.
"""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from tooling.databases import DATABASES, ServerError
from tooling.databases.local import (
    check_version,
    find_binary,
    free_port,
    processes_naming,
    serve_by_hand,
    stop_process,
    wait_until_ready,
)  # fmt: skip

INSTALL_DB = "mariadb-install-db"
SERVER = "mariadbd"
# Debian's server defaults to utf8mb4 (its /etc/mysql/mariadb.conf.d says so); with --no-defaults
# these flags keep that. max_connections is small, as for PostgreSQL, so that running out is quick
# to show; English messages whatever the machine's locale; no binary log, a small buffer pool.
SETTINGS = [
    "--character-set-server=utf8mb4",
    "--collation-server=utf8mb4_general_ci",
    "--max-connections=30",
    "--lc-messages=en_US",
    "--skip-log-bin",
    "--skip-name-resolve",  # no reverse DNS lookup of 127.0.0.1 on every connect
    "--innodb-buffer-pool-size=64M",
    "--innodb-flush-log-at-trx-commit=2",
]


def _binary(name: str) -> str:
    return find_binary(name, "apt-get install -y mariadb-server-core mariadb-client-core")


class Server:
    """One MariaDB server: start() it, then url(database), create_database(), stop()."""

    def __init__(self, folder: Path | None = None):
        self.folder = Path(folder or tempfile.mkdtemp(prefix="sessionbook-mariadb-"))
        self.data = self.folder / "data"
        self.log = self.folder / "server.log"
        self.port = 0
        self.process: subprocess.Popen | None = None

    def url(self, database: str = "mysql", driver: str = "pymysql") -> str:
        return f"mysql+{driver}://root@127.0.0.1:{self.port}/{database}?charset=utf8mb4"

    def _as_root(self) -> list[str]:
        return ["--user=root"] if os.geteuid() == 0 else []

    def start(self) -> Server:
        install_db, server = _binary(INSTALL_DB), _binary(SERVER)
        result = subprocess.run(
            [install_db, "--no-defaults", f"--datadir={self.data}", f"--tmpdir={self.folder}",
             "--auth-root-authentication-method=normal", "--skip-test-db", *self._as_root()],
            capture_output=True, text=True, timeout=120, check=False,
        )  # fmt: skip
        if result.returncode:
            raise ServerError(f"{INSTALL_DB} (data directory) failed in {self.data}:\n{result.stderr.strip()}")
        self.port = free_port()
        with open(self.log, "w") as log:
            self.process = subprocess.Popen(
                [server, "--no-defaults", f"--datadir={self.data}", f"--tmpdir={self.folder}",
                 f"--socket={self.folder / 'mysqld.sock'}",
                 f"--pid-file={self.folder / 'mysqld.pid'}", f"--port={self.port}", "--bind-address=127.0.0.1",
                 f"--log-error={self.log}", *SETTINGS, *self._as_root()],
                stdout=log, stderr=subprocess.STDOUT,
            )  # fmt: skip
        atexit.register(self.stop)
        import pymysql

        wait_until_ready(
            SERVER, self.process, self.port, self.log, refused=pymysql.err.OperationalError, seconds=30,
            connect=lambda: pymysql.connect(host="127.0.0.1", port=self.port, user="root", connect_timeout=1).close(),
        )  # fmt: skip
        check_version(SERVER, self.version(), DATABASES["mysql"].version)
        return self

    @staticmethod
    def version() -> str:
        """The server's version, as its binary reports it: '10.11.19'."""
        result = subprocess.run([_binary(SERVER), "--version"], capture_output=True, text=True, check=True)
        return result.stdout.split("Ver ", 1)[1].split("-", 1)[0]

    def stop(self) -> None:
        stop_process(self.process, seconds=30)  # SIGTERM: mariadbd shuts down cleanly
        self.process = None
        shutil.rmtree(self.folder, ignore_errors=True)

    def pids(self) -> list[int]:
        """Processes of this server still alive (mariadbd, started with our data directory)."""
        return processes_naming(self.data)

    def create_database(self, name: str) -> str:
        """A fresh, empty database (utf8mb4); its SQLAlchemy URL (PyMySQL driver)."""
        import pymysql

        connection = pymysql.connect(host="127.0.0.1", port=self.port, user="root", autocommit=True)
        with connection, connection.cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS `{name}`")
            cursor.execute(f"CREATE DATABASE `{name}` CHARACTER SET utf8mb4")
        return self.url(name)


if __name__ == "__main__":
    serve_by_hand(Server(), DATABASES["mysql"].variable)
