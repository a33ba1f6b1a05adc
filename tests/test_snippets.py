"""Run every file in snippets/ and check each `#>` line against what it really prints; lint it
with ruff first (the rules in pyproject.toml).

`pytest --update-examples` rewrites the `#>` lines from a real run instead of checking them.
SESSIONBOOK_SNIPPETS points the run at another folder (the harness tests use it).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pytest_examples import CodeExample, EvalExample

from helpers import ROOT, SNIPPETS

FOLDER = Path(os.environ.get("SESSIONBOOK_SNIPPETS", SNIPPETS))
FILES = sorted(FOLDER.rglob("*.py"))


def _id(path: Path) -> str:
    return str(path.relative_to(ROOT if path.is_relative_to(ROOT) else FOLDER))


@pytest.mark.parametrize("path", FILES, ids=_id)
def test_snippet_output(path: Path, eval_example: EvalExample, monkeypatch, tmp_path, request):
    source = path.read_text(encoding="utf-8")
    example = CodeExample.create(source, path=path)
    # ruff reads its rules from the repository's pyproject.toml: lint from the repository root.
    monkeypatch.chdir(ROOT)
    eval_example.set_config(target_version="py311")
    eval_example.lint_ruff(example)
    # Each snippet runs in a fresh working directory, so a file database it creates
    # never leaks into the next snippet or into the repository.
    monkeypatch.chdir(tmp_path)
    if "DATABASE_URL" in source:
        # A PostgreSQL snippet reads its server from DATABASE_URL: give it a fresh database.
        server = request.getfixturevalue("postgres")
        monkeypatch.setenv("DATABASE_URL", server.create_database("snippet_" + path.stem))
    if eval_example.update_examples:
        eval_example.run_print_update(example)
    else:
        eval_example.run_print_check(example)
        # A reader runs a snippet more than once in the same folder: the second run, which
        # finds the database files (or tables) the first one left, must print the same output.
        eval_example.run_print_check(example)


def test_snippets_exist():
    assert FILES, f"no snippet files found under {FOLDER}"
