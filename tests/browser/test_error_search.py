"""A reader pastes the error they got into the search box: the error index entry comes first, in
either language. The queries are real messages, as printed, with all their punctuation."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tooling.advice import error_entries
from tooling.browser import search_results
from tooling.repo import default_language, languages, page_pairs, url_dir

# (page, anchor, what the reader pastes)
PASTED = [
    (
        "errors-connections.md",
        "3o7r-queuepool-limit",
        "sqlalchemy.exc.TimeoutError: QueuePool limit of size 5 overflow 10 reached, connection timed out, timeout 30.00 (Background on this error at: https://sqlalche.me/e/20/3o7r)",
    ),
    (
        "errors-connections.md",
        "8s2b-invalid-transaction",
        "sqlalchemy.exc.PendingRollbackError: Can't reconnect until invalid transaction is rolled back.  Please rollback() fully before proceeding (Background on this error at: https://sqlalche.me/e/21/8s2b)",
    ),
    (
        "errors-connections.md",
        "e3q8-mysql-gone-away",
        "sqlalchemy.exc.OperationalError: (MySQLdb.OperationalError) (2006, 'MySQL server has gone away')",
    ),
    (
        "errors-connections.md",
        "e3q8-server-closed-connection",
        "psycopg.OperationalError: consuming input failed: server closed the connection unexpectedly",
    ),
    (
        "errors-connections.md",
        "e3q8-connection-socket-closed",
        "sqlalchemy.exc.OperationalError: (psycopg.OperationalError) connection socket closed",
    ),
    (
        "errors-connections.md",
        "e3q8-mysql-gone-away",
        "sqlalchemy.exc.OperationalError: (pymysql.err.OperationalError) (2006, \"MySQL server has gone away (ConnectionResetError(104, 'Connection reset by peer'))\")",
    ),
    (
        "errors-connections.md",
        "e3q8-mysql-gone-away",
        "sqlalchemy.exc.OperationalError: (pymysql.err.OperationalError) (2013, 'Lost connection to MySQL server during query')",
    ),
    (
        "errors-locks.md",
        "mysql-lock-wait-timeout",
        "sqlalchemy.exc.OperationalError: (pymysql.err.OperationalError) (1205, 'Lock wait timeout exceeded; try restarting transaction')",
    ),
    (
        "errors-locks.md",
        "mysql-deadlock",
        "sqlalchemy.exc.OperationalError: (pymysql.err.OperationalError) (1213, 'Deadlock found when trying to get lock; try restarting transaction')",
    ),
    (
        "errors-locks.md",
        "mysql-commands-out-of-sync",
        "sqlalchemy.exc.OperationalError: (pymysql.err.OperationalError) (2014, 'Command Out of Sync')",
    ),
    (
        "errors-locks.md",
        "mysql-commands-out-of-sync",
        'MySQLdb.ProgrammingError: (2014, "Commands out of sync; you can\'t run this command now")',
    ),
    (
        "errors-pgbouncer.md",
        "prepared-statement-does-not-exist",
        'sqlalchemy.exc.ProgrammingError: (psycopg.errors.InvalidSqlStatementName) prepared statement "_pg3_0" does not exist',
    ),
    (
        "errors-pgbouncer.md",
        "prepared-statement-does-not-exist",
        'sqlalchemy.exc.ProgrammingError: (psycopg.errors.DuplicatePreparedStatement) prepared statement "_pg3_0" already exists',
    ),
    (
        "errors-pgbouncer.md",
        "prepared-statement-does-not-exist",
        'sqlalchemy.exc.DBAPIError: (sqlalchemy.dialects.postgresql.asyncpg.Error) prepared statement "__asyncpg_stmt_5__" does not exist',
    ),
    (
        "errors-pgbouncer.md",
        "prepared-statement-does-not-exist",
        "sqlalchemy.exc.ProgrammingError: (sqlalchemy.dialects.postgresql.asyncpg.ProgrammingError) <class 'asyncpg.exceptions.DuplicatePreparedStatementError'>: prepared statement \"__asyncpg_stmt_1__\" already exists",
    ),
    (
        "errors-pgbouncer.md",
        "unsupported-startup-parameter",
        'sqlalchemy.exc.OperationalError: (psycopg.OperationalError) connection failed: connection to server at "127.0.0.1", port 6432 failed: FATAL:  unsupported startup parameter: options',
    ),
    (  # the reader's own host and statement name: quoted parts of a query are not required (site.js)
        "errors-pgbouncer.md",
        "unsupported-startup-parameter",
        'sqlalchemy.exc.OperationalError: (psycopg.OperationalError) connection failed: connection to server at "pgbouncer.internal" (10.0.3.7), port 6432 failed: FATAL:  unsupported startup parameter: options',
    ),
    (
        "errors-pgbouncer.md",
        "prepared-statement-does-not-exist",
        'sqlalchemy.exc.DBAPIError: (sqlalchemy.dialects.postgresql.asyncpg.Error) prepared statement "__asyncpg_stmt_1f__" does not exist',
    ),
    (
        "errors-pgbouncer.md",
        "unsupported-startup-parameter",
        "asyncpg.exceptions.ProtocolViolationError: unsupported startup parameter: statement_timeout",
    ),
    (
        "errors-connections.md",
        "gc-non-checked-in",
        "SAWarning: The garbage collector is trying to clean up non-checked-in connection <AdaptedConnection <asyncpg.connection.Connection object at 0x7f0c2d1e8a40>>, which will be terminated.",
    ),
    (
        "errors-connections.md",
        "fork-lost-synchronization",
        'psycopg.OperationalError: lost synchronization with server: got message type "1", length 4',
    ),
    (
        "errors-connections.md",
        "fork-lost-synchronization",
        "sqlalchemy.exc.ProgrammingError: (psycopg.ProgrammingError) can't change 'autocommit' now: connection in transaction status INTRANS (Background on this error at: https://sqlalche.me/e/21/f405)",
    ),
    (
        "errors-connections.md",
        "too-many-clients",
        "psycopg.OperationalError: connection failed: FATAL:  sorry, too many clients already",
    ),
    (
        "errors-connections.md",
        "too-many-clients",
        "FATAL:  remaining connection slots are reserved for roles with the SUPERUSER attribute",
    ),
    (
        "errors-connections.md",
        "40001-serialization-failure",
        "psycopg.errors.SerializationFailure: could not serialize access due to concurrent update",
    ),
    (
        "errors-connections.md",
        "e3q8-server-closed-connection",
        "psycopg2.OperationalError: server closed the connection unexpectedly\n\tThis probably means the server terminated abnormally\n\tbefore or while processing the request.",
    ),
    (
        "errors-connections.md",
        "e3q8-mysql-gone-away",
        "(4031, 'The client was disconnected by the server because of inactivity. See wait_timeout and interactive_timeout for configuring this behavior.')",
    ),
    (
        "errors-connections.md",
        "asyncpg-connection-is-closed",
        "sqlalchemy.exc.InterfaceError: (sqlalchemy.dialects.postgresql.asyncpg.InterfaceError) connection is closed",
    ),
    (
        "errors-connections.md",
        "asyncpg-connection-is-closed",
        "sqlalchemy.exc.DBAPIError: (sqlalchemy.dialects.postgresql.asyncpg.Error) connection was closed in the middle of operation: terminating connection due to administrator command",
    ),
    (
        "errors-connections.md",
        "sqlite-database-is-locked",
        "sqlalchemy.exc.OperationalError: (sqlite3.OperationalError) database is locked",
    ),
    (
        "errors-connections.md",
        "sqlite-database-is-locked",
        "sqlalchemy.exc.OperationalError: (sqlite3.OperationalError) database table is locked: users",
    ),
    (
        "errors-connections.md",
        "invalid-argument-pool-size",
        "TypeError: Invalid argument(s) 'pool_size','max_overflow' sent to create_engine(), using configuration SQLiteDialect_pysqlite/StaticPool/Engine.  Please check that the keyword arguments are appropriate for this combination of components.",
    ),
    (
        "errors-sessions.md",
        "bhk3-not-bound-to-session",
        "sqlalchemy.orm.exc.DetachedInstanceError: Instance <User at 0x7f3a2c1d4e50> is not bound to a Session; attribute refresh operation cannot proceed (Background on this error at: https://sqlalche.me/e/20/bhk3)",
    ),
    (
        "errors-sessions.md",
        "7s2a-pending-rollback",
        "sqlalchemy.exc.PendingRollbackError: This Session's transaction has been rolled back due to a previous exception during flush. To begin a new transaction with this Session, first issue Session.rollback().",
    ),
    ("errors-sessions.md", "working-outside-app-context", "RuntimeError: Working outside of application context."),
    (
        "errors-sessions.md",
        "already-attached-to-session",
        "sqlalchemy.exc.InvalidRequestError: Object '<User at 0x7f9b8c0e1d60>' is already attached to session '1' (this is '12')",
    ),
    (
        "errors-sessions.md",
        "transaction-already-begun",
        "sqlalchemy.exc.InvalidRequestError: A transaction is already begun on this Session.",
    ),
    (
        "errors-sessions.md",
        "not-persistent-within-session",
        "sqlalchemy.exc.InvalidRequestError: Instance '<User at 0x7f2e4b5c6d70>' is not persistent within this Session",
    ),
    (
        "errors-sessions.md",
        "closed-transaction-inside-context-manager",
        "sqlalchemy.exc.InvalidRequestError: Can't operate on closed transaction inside context manager.  Please complete the context manager before emitting further commands.",
    ),
    (
        "errors-sessions.md",
        "session-inactive-state",
        "sqlalchemy.exc.InvalidRequestError: This session is in 'inactive' state, due to the SQL transaction being rolled back; no further SQL can be emitted within this transaction.",
    ),
    (
        "errors-objects.md",
        "stale-data-error",
        "sqlalchemy.orm.exc.StaleDataError: UPDATE statement on table 'users' expected to update 1 row(s); 0 were matched.",
    ),
    (
        "errors-objects.md",
        "object-deleted-error",
        "sqlalchemy.orm.exc.ObjectDeletedError: Instance '<User at 0x7f3a2c1d4e50>' has been deleted, or its row is otherwise not present.",
    ),
    (
        "errors-objects.md",
        "unmapped-instance-error",
        "sqlalchemy.orm.exc.UnmappedInstanceError: Class 'builtins.dict' is not mapped",
    ),
    (
        "errors-objects.md",
        "identity-key-conflict",
        "SAWarning: New instance <User at 0x7f3a2c1d4e50> with identity key (<class 'app.models.User'>, (1,), None) conflicts with persistent instance <User at 0x7f3a2c1d5f10>",
    ),
    (
        "errors-objects.md",
        "null-identity-key",
        "sqlalchemy.orm.exc.FlushError: Instance <User at 0x7f3a2c1d4e50> has a NULL identity key.  If this is an auto-generated value, check that the database table allows generation of new primary key values",
    ),
    (
        "errors-objects.md",
        "re-add-deleted-instance",
        "sqlalchemy.exc.InvalidRequestError: Instance '<User at 0x7f3a2c1d4e50>' has been deleted.  Use the make_transient() function to send this object back to the transient state.",
    ),
    (
        "errors-asyncio.md",
        "xd2s-missing-greenlet",
        "sqlalchemy.exc.MissingGreenlet: greenlet_spawn has not been called; can't call await_only() here. Was IO attempted in an unexpected place? (Background on this error at: https://sqlalche.me/e/20/xd2s)",
    ),
    (
        "errors-asyncio.md",
        "xd2s-missing-greenlet",
        "greenlet_spawn has not been called; can't call await_() here. Was IO attempted in an unexpected place?",
    ),
    (
        "errors-asyncio.md",
        "isce-concurrent-operations",
        "sqlalchemy.exc.InvalidRequestError: This session is provisioning a new connection; concurrent operations are not permitted (Background on this error at: https://sqlalche.me/e/21/isce)",
    ),
    (
        "errors-asyncio.md",
        "asyncpg-another-operation",
        "asyncpg.exceptions._base.InterfaceError: cannot perform operation: another operation is in progress",
    ),
    (
        "errors-asyncio.md",
        "attached-to-a-different-loop",
        "RuntimeError: Task <Task pending name='Task-3' coro=<main() running at app.py:12>> got Future <Future pending cb=[BaseProtocol._on_waiter_completed()]> attached to a different loop",
    ),
    (
        "errors-asyncio.md",
        "asyncio-requires-async-driver",
        "sqlalchemy.exc.InvalidRequestError: The asyncio extension requires an async driver to be used. The loaded 'pysqlite' is not async.",
    ),
    (
        "errors-asyncio.md",
        "asyncio-requires-async-driver",
        "The asyncio extension requires an async driver to be used. The loaded 'psycopg2' is not async.",
    ),
]

# Entries whose symptom is not a message (a hang, no error at all, or another entry's message).
WITHOUT_A_MESSAGE = {
    ("errors-connections.md", "3o7r-fastapi-sync-dependencies"),
    ("errors-connections.md", "idle-in-transaction-lock"),
    ("errors-sessions.md", "worker-session-not-removed"),
    ("errors-sessions.md", "scoped-session-shared-by-tasks"),
    ("errors-sessions.md", "fastapi-yield-cleanup-timing"),
    ("errors-asyncio.md", "sync-session-blocks-loop"),
}


def test_every_error_entry_has_a_pasted_message():
    """Each `##` entry of an error page is searched for by at least one real message above."""
    entries = {
        (name, anchor)
        for name, langs in page_pairs().items()
        if name.startswith("errors-")
        for anchor in error_entries(langs[default_language()])
    }
    missing = sorted(entries - WITHOUT_A_MESSAGE - {(name, anchor) for name, anchor, _ in PASTED})
    assert not missing, "error entries no pasted message searches for (add one to PASTED): " + ", ".join(
        f"{n}#{a}" for n, a in missing
    )


@pytest.mark.parametrize("lang", languages())
def test_a_pasted_message_finds_its_entry_first(browser, served, lang):
    page, visit = browser.load(served.base + url_dir("index.md", lang), served.base)
    wrong = []
    for name, anchor, pasted in PASTED:
        links = [urlsplit(h) for h in search_results(page, pasted)]
        first_page = links[0].path if links else None
        first_entry = next((f"{u.path}#{u.fragment}" for u in links if u.fragment), None)
        expected = "/" + url_dir(name, lang)
        if first_page != expected or first_entry != f"{expected}#{anchor}":
            wrong.append(
                f"{pasted[:70]!r}: first page {first_page}, first section {first_entry}, expected {expected}#{anchor}"
            )
    page.context.close()
    assert not wrong, f"({lang}) pasted messages that do not find their entry first:\n" + "\n".join(wrong)
    assert not visit.problems, visit.problems
