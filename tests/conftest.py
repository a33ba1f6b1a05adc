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
