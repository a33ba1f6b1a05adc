"""The pytest fixture that gives tests the database servers of the registry (tooling/databases).

`servers(name)` starts that database's server on first use, once per test worker, and the
fixture stops every server it started when the run ends, passed or failed. A server whose
binaries this machine lacks skips the tests that need it, except under CI=true, where they fail;
a server that cannot start fails them, saying why.
"""

from __future__ import annotations

import os

import pytest

from tooling.databases import POOLERS, ServerError, ServerMissing, entry


@pytest.fixture(scope="session")
def servers():
    started = {}

    def server(name: str):
        if name not in started:
            database = entry(name)
            # A pooler stands in front of its database's server, which starts first.
            upstream = [server(POOLERS[name].database)] if name in POOLERS else []
            one = database.server_module().Server(*upstream)
            try:
                started[name] = one.start()
            except ServerMissing as exc:
                one.stop()
                if os.environ.get("CI") == "true":
                    pytest.fail(f"{database.title} is missing, and CI=true requires every server: {exc}", pytrace=False)
                pytest.skip(f"{database.title} is missing: {exc}")
            except ServerError as exc:
                one.stop()
                pytest.fail(f"{database.title} could not start: {exc}", pytrace=False)
        return started[name]

    yield server
    for one in started.values():
        one.stop()
