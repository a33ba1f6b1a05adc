"""A real PgBouncer in transaction-pooling mode, in front of the tests' PostgreSQL, from Debian's
`pgbouncer` package (no wheel bundles it; `.ci/run` installs it, the README names it).

It listens on 127.0.0.1 and a free port, with its configuration, log, pid file and socket in a
folder of its own, and is stopped when the test session ends, passed or failed. Its `[databases]`
section is one wildcard line: a client asking for database `snippet_x` gets the PostgreSQL
database of that name, so a snippet's fresh database (tooling/fixtures.py) is reachable both
directly (DATABASE_URL) and through the pooler (PGBOUNCER_URL). The settings are PgBouncer's
defaults except the ones below: transaction pooling, trust authentication for the one user the
tests connect as (`postgres`, also the admin console's user: `SHOW POOLS` on database
`pgbouncer`), and a small pool per database, so that a snippet can see server connections being
shared. As root it runs as the same unprivileged user as the PostgreSQL server (PgBouncer
refuses to run as root).

Run `python -m tooling.databases.pgbouncer` to start PostgreSQL and a PgBouncer in front of it by
hand: it prints the URLs to export as DATABASE_URL and PGBOUNCER_URL, and stops both on Ctrl-C or
`kill`.
"""

from __future__ import annotations

import atexit
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from tooling.databases import DATABASES, POOLERS
from tooling.databases import postgresql as upstream_module
from tooling.databases.local import (
    check_version,
    find_binary,
    free_port,
    processes_naming,
    serve_by_hand,
    stop_process,
    wait_until_ready,
)  # fmt: skip

BINARY = "pgbouncer"
SETTINGS = {
    "pool_mode": "transaction",
    "auth_type": "trust",
    "admin_users": "postgres",
    "default_pool_size": "5",
    "max_client_conn": "200",
}


def _binary() -> str:
    return find_binary(BINARY, "apt-get install -y pgbouncer")


class Server:
    """One PgBouncer in front of `upstream` (a started tooling.databases.postgresql.Server)."""

    def __init__(self, upstream, folder: Path | None = None):
        self.upstream = upstream
        self.folder = Path(folder or tempfile.mkdtemp(prefix="sessionbook-pgbouncer-"))
        self.config = self.folder / "pgbouncer.ini"
        self.log = self.folder / "pgbouncer.log"
        self.port = 0
        self.process: subprocess.Popen | None = None

    def url(self, database: str = "postgres", driver: str = "psycopg") -> str:
        return f"postgresql+{driver}://postgres@127.0.0.1:{self.port}/{database}"

    def start(self) -> Server:
        binary = _binary()
        self.port = free_port()
        (self.folder / "users.txt").write_text('"postgres" ""\n')
        settings = {
            "listen_addr": "127.0.0.1",
            "listen_port": str(self.port),
            "unix_socket_dir": str(self.folder),
            "auth_file": str(self.folder / "users.txt"),
            "logfile": str(self.log),
            "pidfile": str(self.folder / "pgbouncer.pid"),
            **SETTINGS,
        }
        self.config.write_text(
            "[databases]\n"
            f"* = host=127.0.0.1 port={self.upstream.port}\n"
            "[pgbouncer]\n" + "".join(f"{key} = {value}\n" for key, value in settings.items())
        )
        as_user = []
        if os.geteuid() == 0:  # PgBouncer refuses root: run as the PostgreSQL server's user
            user = upstream_module._run_as()["user"]
            os.chmod(self.folder, 0o755)
            for path in [self.folder, *self.folder.iterdir()]:
                shutil.chown(path, user, user)
            as_user = ["-u", user]
        self.process = subprocess.Popen(
            [binary, *as_user, str(self.config)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        atexit.register(self.stop)
        import psycopg

        wait_until_ready(
            BINARY, self.process, self.port, self.log, refused=psycopg.OperationalError, seconds=15,
            connect=lambda: psycopg.connect(
                host="127.0.0.1", port=self.port, user="postgres", dbname="pgbouncer", autocommit=True,
                connect_timeout=1, prepare_threshold=None,
            ).close(),
        )  # fmt: skip
        check_version(BINARY, self.version(), POOLERS["pgbouncer"].version)
        return self

    @staticmethod
    def version() -> str:
        """PgBouncer's version, as its binary reports it: '1.18.0'."""
        result = subprocess.run([_binary(), "--version"], capture_output=True, text=True, check=True)
        return re.search(r"PgBouncer (\S+)", result.stdout).group(1)

    def stop(self) -> None:
        stop_process(self.process, seconds=10)  # SIGTERM: PgBouncer closes its connections and exits
        self.process = None
        shutil.rmtree(self.folder, ignore_errors=True)

    def pids(self) -> list[int]:
        """PgBouncer's process, if still alive (started with our configuration file)."""
        return processes_naming(self.folder)

    def create_database(self, name: str) -> str:
        """The URL of PostgreSQL's database `name` through PgBouncer (psycopg driver). The database
        itself belongs to PostgreSQL: the tests create it there first (tooling/snippets.Needs.servers
        lists a pooler after its database)."""
        return self.url(name)


if __name__ == "__main__":
    database = upstream_module.Server().start()
    print(f"export {DATABASES['postgresql'].variable}={database.url()}", flush=True)  # the same server, directly
    try:
        serve_by_hand(Server(database), POOLERS["pgbouncer"].variable)
    finally:
        database.stop()
