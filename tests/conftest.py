"""Fixtures shared by every test module: the built site, and the database servers (the `servers`
fixture of tooling/fixtures.py).

The suite runs on two pytest-xdist workers (pyproject.toml); whatever must happen once per run
(building site/) happens under a file lock, by whichever worker comes first.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tooling.repo import ROOT
from tooling.runs import once_per_run

SITE = ROOT / "site"
pytest_plugins = ["tooling.fixtures"]
SNIPPETS_MODULE = "tests/test_snippets.py"


def pytest_xdist_make_scheduler(config, log):
    """In a run of more than the snippets, all the snippets go to one worker, first: they mostly
    wait on servers and sleeps while the other worker builds the site and keeps the processors busy
    with the browser tests; it then takes its share of what is left. Spread over both workers, the
    snippets came last, after the browser tests, and left a core idle for minutes. (pytest-xdist's
    own `xdist_group` mark does nothing on pytest 9.2, which no longer reads the node id it sets.)
    A run of the snippets alone (`nox -s snippets-2.0`) spreads them over both workers."""
    from xdist.scheduler import LoadScopeScheduling

    if config.args and all(str(arg).startswith(SNIPPETS_MODULE) for arg in config.args):
        return None

    class SnippetsTogether(LoadScopeScheduling):
        """One scope for every snippet, one for each other test; the largest scope goes out first."""

        def _split_scope(self, nodeid: str) -> str:
            return SNIPPETS_MODULE if nodeid.startswith(SNIPPETS_MODULE + "::") else nodeid

    return SnippetsTogether(config, log)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The real site, built once per test run into site/ (what `.ci/run` benchmarks and the
    deploy job publishes) and shared by the HTML and browser tests."""

    def build_site():
        from tooling.pages import build  # the site's packages: the snippets-<line> sessions lack them

        if SITE.exists():
            shutil.rmtree(SITE)
        result = build(ROOT / "mkdocs.yml", SITE)
        assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}"

    once_per_run(tmp_path_factory, "site", build_site)
    return SITE
