"""Fixtures shared by every test module: the built site, and the PostgreSQL server (the
`postgres` fixture, defined beside the server in tests/postgres.py).

The suite runs on two pytest-xdist workers (pyproject.toml); whatever must happen once per run
(building site/) happens under a file lock, by whichever worker comes first.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from filelock import FileLock

from helpers import ROOT, build

SITE = ROOT / "site"
pytest_plugins = ["postgres"]


def run_folder(tmp_path_factory) -> Path:
    """A folder shared by every worker of this test run (the run's own temporary folder)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def once_per_run(tmp_path_factory, name: str, action) -> None:
    """Run action() once for the whole test run, however many workers there are; a worker that
    finds it failed tries again and fails the same way."""
    shared = run_folder(tmp_path_factory)
    with FileLock(shared / f"{name}.lock"):
        done = shared / f"{name}.done"
        if not done.exists():
            action()
            done.touch()


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The real site, built once per test run into site/ (what `.ci/run` benchmarks and the
    deploy job publishes) and shared by the HTML and browser tests."""

    def build_site():
        if SITE.exists():
            shutil.rmtree(SITE)
        result = build(ROOT / "mkdocs.yml", SITE)
        assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}"

    once_per_run(tmp_path_factory, "site", build_site)
    return SITE
