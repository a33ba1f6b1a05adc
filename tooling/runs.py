"""Work done once per test run, however many pytest-xdist workers share it (pyproject.toml runs
two): building site/, the browser visits. Whichever worker comes first does it, under a file lock."""

from __future__ import annotations

import os
from pathlib import Path

from filelock import FileLock


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
