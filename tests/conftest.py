"""Shared knowledge about the repository layout, used by every test module."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
SNIPPETS = ROOT / "snippets"
LANGUAGES = ("ko", "en")

# `--8<-- "engine/pool.py"` or `--8<-- "engine/pool.py:section"` inside a fenced block.
INCLUDE = re.compile(r'^\s*--8<--\s+"([^":]+)(?::([\w-]+))?"\s*$', re.M)
# `## Title { #anchor }`: every heading must carry an explicit ASCII anchor.
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*$", re.M)
ANCHOR = re.compile(r"\{\s*#([a-z0-9][a-z0-9-]*)\s*\}\s*$")
FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>```+|~~~+)(?P<info>[^\n]*)\n(?P<body>.*?)^(?P=indent)(?P=fence)[ \t]*$", re.M | re.S)
# The one accepted reason for a Python block that is not included from snippets/.
UNTESTED = re.compile(r"<!--\s*untested:\s*\S.*?-->\s*$")
ANNOTATION_MARKER = re.compile(r"#\s*\((\d+)\)!?")


def page_pairs() -> dict[str, dict[str, Path]]:
    """{'object-states.md': {'ko': Path, 'en': Path}, ...} for Markdown pages and notebooks."""
    pairs: dict[str, dict[str, Path]] = {}
    for path in sorted(DOCS.rglob("*")):
        match = re.fullmatch(r"(.+)\.(ko|en)\.(md|ipynb)", path.name)
        if match and path.is_file():
            name = str(path.relative_to(DOCS).with_name(f"{match[1]}.{match[3]}"))
            pairs.setdefault(name, {})[match[2]] = path
    return pairs


def markdown_pages() -> list[Path]:
    return sorted(p for p in DOCS.rglob("*.md"))


def strip_fences(text: str) -> str:
    """Markdown with fenced blocks blanked out, so '#' comments in code are not headings."""
    return FENCE.sub(lambda m: "\n" * m.group(0).count("\n"), text)


def build(config: Path, site: Path) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` of one configuration (the real one, or a test's mini-site)."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config), "--site-dir", str(site)],
        capture_output=True, text=True, cwd=config.parent, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )


@pytest.fixture(scope="session")
def postgres():
    """A real PostgreSQL server for this test session (tests/postgres.py); always stopped."""
    from postgres import Server, ServerError

    server = Server()
    try:
        server.start()
    except ServerError as exc:
        server.stop()
        pytest.fail(f"PostgreSQL could not start: {exc}", pytrace=False)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The real site, built once per test session and shared by the HTML and browser tests."""
    out = tmp_path_factory.mktemp("site")
    result = build(ROOT / "mkdocs.yml", out)
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}"
    return out
