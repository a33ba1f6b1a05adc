"""The databases a snippet can need: one registry entry each.

A snippet declares what it needs in its first line (tooling/snippets.py): `# needs:
postgresql+psycopg`, with the dialect and driver names SQLAlchemy itself uses in URLs. For each
database it names, the tests give the snippet a fresh database of their own server in the
entry's `variable` (the snippet reads its URL from there), and the pages' "checked on" line names
the database's version and the pinned version of each driver (hooks/verified_versions.py).

A database with a `server` is started by the tests from that module (the `servers` fixture of
tooling/fixtures.py), once per test worker, on 127.0.0.1 and a free port, and stopped when the run
ends, passed or failed. The module provides `Server`:

- `Server()` makes its folder with tempfile (so under $TMPDIR) and starts nothing; `start()`
  starts the server with its data in that folder, and returns the server;
- `url(database, driver)`, `create_database(name)` (a fresh database; its URL), `pids()` (its
  processes still alive) and `stop()` (idempotent; removes the folder, also after a failed start);
- its processes name that folder in their command line: `.ci/run` fails if a process whose
  command line names the run's $TMPDIR outlives the tests;
- `start()` raises `ServerMissing` when the machine lacks the server's binaries (the tests that
  need it then skip, except under CI=true, where they fail) and `ServerError` when it cannot
  start (the tests fail, saying why).

Adding a database (MariaDB, say): one entry below, its start-up module beside this file, and its
driver pinned in requirements/snippets.in.

A pooler (PgBouncer) stands in front of one of these databases: a snippet names it in its
`# needs:` line beside the database's driver (`# needs: postgresql+psycopg, pgbouncer`) and reads
the pooler's URL for its fresh database from the entry's `variable`. Its module's `Server` takes
the started database server as its one argument; otherwise it has the same methods.
"""

from __future__ import annotations

import importlib
import sqlite3
from dataclasses import dataclass


class ServerMissing(RuntimeError):
    """This machine lacks the server's binaries; the message says how to get them."""


class ServerError(RuntimeError):
    """The server could not be started; the message says which step failed and why."""


@dataclass(frozen=True)
class Database:
    name: str  # the dialect name in a snippet's `# needs:` line and in its URLs
    title: str  # how the pages name it
    drivers: dict[str, str]  # SQLAlchemy's driver name -> the distribution pinned in requirements ("" for Python's own)
    variable: str | None = None  # where a snippet reads its server's URL
    server: str | None = None  # the module that starts and stops the server
    version: str | None = None  # the version the pages name: the major version the server module starts
    # (it checks that when it starts), or for a database without a server the library's own

    def server_module(self):
        return importlib.import_module(self.server) if self.server else None


@dataclass(frozen=True)
class Pooler:
    name: str  # how a snippet's `# needs:` line names it
    title: str
    database: str  # the entry of DATABASES it stands in front of
    variable: str  # where a snippet reads the URL of its database through the pooler
    server: str  # the module that starts and stops it
    version: str  # the version the pages name (its module checks it when it starts)

    def server_module(self):
        return importlib.import_module(self.server)


DATABASES: dict[str, Database] = {
    database.name: database
    for database in [
        Database(
            "sqlite", "SQLite", drivers={"pysqlite": "", "aiosqlite": "aiosqlite"}, version=sqlite3.sqlite_version
        ),
        Database(
            "postgresql",
            "PostgreSQL",
            drivers={"psycopg": "psycopg", "asyncpg": "asyncpg", "psycopg2": "psycopg2-binary"},
            variable="DATABASE_URL",
            server="tooling.databases.postgresql",
            version="16",
        ),
        Database(
            "mysql",  # SQLAlchemy's dialect for MySQL and MariaDB alike: `mysql+pymysql://`
            "MariaDB",
            drivers={"pymysql": "pymysql", "aiomysql": "aiomysql"},
            variable="MARIADB_URL",
            server="tooling.databases.mariadb",
            version="10.11",
        ),
    ]
}

POOLERS: dict[str, Pooler] = {
    pooler.name: pooler
    for pooler in [
        Pooler(
            "pgbouncer",
            "PgBouncer",
            database="postgresql",
            variable="PGBOUNCER_URL",
            server="tooling.databases.pgbouncer",
            version="1.18",  # Debian bookworm's
        ),
    ]
}


def entry(name: str) -> Database | Pooler:
    """The registry entry of a database or a pooler, by the name a `# needs:` line uses."""
    return DATABASES[name] if name in DATABASES else POOLERS[name]
