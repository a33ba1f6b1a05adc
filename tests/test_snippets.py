"""Run every file in snippets/ and check each `#>` line against what it really prints; lint it
with ruff first (the rules in pyproject.toml).

The SQLAlchemy line installed decides what is checked (tests/helpers.py, "SQLAlchemy lines"): on
2.1, NAME.py; on 2.0, its twin NAME.sqla20.py where there is one, otherwise NAME.py with its
text-only differences normalized. `noxfile.py` runs this module on both lines.

`pytest --update-examples` rewrites the `#>` lines from a real run instead of checking them (on
2.0 it writes the twins it finds; create an empty-output twin first to record a new difference).
SESSIONBOOK_SNIPPETS points the run at another folder (the harness tests use it).
"""

from __future__ import annotations

import gc
import os
from pathlib import Path

import pytest
from pytest_examples import CodeExample, EvalExample

from helpers import ROOT, SNIPPETS, TWIN_SUFFIX, normalize_2_0, sqlalchemy_line, twin, without_output

FOLDER = Path(os.environ.get("SESSIONBOOK_SNIPPETS", SNIPPETS))
PROGRAMS = sorted(p for p in FOLDER.rglob("*.py") if not p.name.endswith(TWIN_SUFFIX))
LINE = sqlalchemy_line()
CHECKED = [twin(p) if LINE == "2.0" and twin(p).exists() else p for p in PROGRAMS]


def _id(path: Path) -> str:
    return str(path.relative_to(ROOT if path.is_relative_to(ROOT) else FOLDER))


@pytest.mark.parametrize("path", CHECKED, ids=_id)
def test_snippet_output(path: Path, eval_example: EvalExample, monkeypatch, tmp_path, request):
    source = path.read_text(encoding="utf-8")
    example = CodeExample.create(source, path=path)
    # ruff reads its rules from the repository's pyproject.toml: lint from the repository root.
    monkeypatch.chdir(ROOT)
    eval_example.set_config(target_version="py311")
    eval_example.lint_ruff(example)
    if LINE == "2.0" and not path.name.endswith(TWIN_SUFFIX):
        eval_example.print_callback = normalize_2_0
    # Each snippet runs in a fresh working directory, so a file database it creates
    # never leaks into the next snippet or into the repository.
    monkeypatch.chdir(tmp_path)
    if "DATABASE_URL" in source:
        # A PostgreSQL snippet reads its server from DATABASE_URL: give it a fresh database. The
        # snippets run in this one process: collect what earlier ones left, so that no connection
        # of theirs closes on the shared server while this one counts connections.
        gc.collect()
        server = request.getfixturevalue("postgres")
        monkeypatch.setenv("DATABASE_URL", server.create_database("snippet_" + path.name.split(".")[0]))
    if eval_example.update_examples:
        eval_example.run_print_update(example)
    else:
        eval_example.run_print_check(example)
        # A reader runs a snippet more than once in the same folder: the second run, which
        # finds the database files (or tables) the first one left, must print the same output.
        eval_example.run_print_check(example)


@pytest.mark.parametrize("path", [p for p in PROGRAMS if twin(p).exists()], ids=_id)
def test_a_twin_is_the_same_program(path: Path):
    """NAME.sqla20.py differs from NAME.py only in what it prints."""
    assert without_output(twin(path).read_text(encoding="utf-8")) == without_output(path.read_text(encoding="utf-8")), (
        f"{_id(twin(path))} must be {_id(path)} with other #> lines only; copy the code over and run "
        "--update-examples on SQLAlchemy 2.0")


def test_snippets_exist():
    assert PROGRAMS, f"no snippet files found under {FOLDER}"


def test_every_twin_has_its_program():
    orphans = [str(p) for p in FOLDER.rglob("*" + TWIN_SUFFIX) if not Path(str(p).removesuffix(TWIN_SUFFIX) + ".py").exists()]
    assert not orphans, f"2.0 twins without their program: {orphans}"
