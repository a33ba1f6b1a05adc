"""Fixtures shared by every test module: the built site, and the PostgreSQL server (the
`postgres` fixture, defined beside the server in tests/postgres.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpers import ROOT, build

SITE = ROOT / "site"
pytest_plugins = ["postgres"]


@pytest.fixture(scope="session")
def site() -> Path:
    """The real site, built once per test run into site/ (what `.ci/run` benchmarks and the
    deploy job publishes) and shared by the HTML and browser tests."""
    if SITE.exists():
        shutil.rmtree(SITE)
    result = build(ROOT / "mkdocs.yml", SITE)
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}"
    return SITE
