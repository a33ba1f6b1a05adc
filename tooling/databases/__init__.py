"""The databases a snippet can need: one registry entry each.

A snippet declares what it needs in its first line (tooling/snippets.py): `# needs:
postgresql+psycopg`, with the dialect and driver names SQLAlchemy itself uses in URLs. For each
database it names, the tests give the snippet a fresh database of their own server in the
entry's `variable` (the snippet reads its URL from there), and the pages' "checked on" line names
the database's version and the pinned version of each driver (hooks/verified_versions.py).

A database with a `server` is started by the tests from that module, once per run, on 127.0.0.1
and a free port, with its data in a temporary folder, and stopped when the run ends, passed or
failed. The module provides `Server` (start(), url(database, driver), create_database(name),
pids(), stop()), and raises `ServerMissing` when the machine lacks its binaries: the tests that
need it then skip, except under CI=true, where they fail (tooling/fixtures.py).

Adding a database: one entry below and its start-up module beside this file.
"""

from __future__ import annotations

import importlib
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
    version: str | None = None  # the major version that module starts (checked when it starts)

    def server_module(self):
        return importlib.import_module(self.server) if self.server else None


DATABASES: dict[str, Database] = {
    database.name: database
    for database in [
        Database("sqlite", "SQLite", drivers={"pysqlite": "", "aiosqlite": "aiosqlite"}),
        Database(
            "postgresql",
            "PostgreSQL",
            drivers={"psycopg": "psycopg", "asyncpg": "asyncpg", "psycopg2": "psycopg2-binary"},
            variable="DATABASE_URL",
            server="tooling.databases.postgresql",
            version="16",
        ),
    ]
}
