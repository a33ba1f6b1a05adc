"""Run every file in snippets/ and check each `#>` line against what it really prints; lint it
with ruff first (the rules in pyproject.toml).

Each snippet runs in this process (pytest-examples compares every printed value with its `#>`
line, and `--update-examples` writes them). On the first line of the table it then runs again as
a reader runs it, `python snippet.py` in a new process in the same folder and database, which
must print the same `#>` lines in order after what the first run left. A snippet that leaves a
process running fails.

Each snippet declares in its first line what it needs (tooling/snippets.py): the run gives it a
fresh database on each server it names, and fails if it tries to connect with anything else, or
never with something it names. The SQLAlchemy line installed decides what is checked (tooling/lines.py):
on the first line of the table in pyproject.toml, NAME.py; on another, its twin for that line
where there is one, otherwise NAME.py with the line's text-only differences rewritten.
`noxfile.py` runs this module on every line.

`pytest --update-examples` rewrites the `#>` lines from a real run instead of checking them (on
another line it writes the twins it finds; `python scripts/new_twin.py` makes one).
SESSIONBOOK_SNIPPETS points the run at another folder (the harness tests use it).
"""

from __future__ import annotations

import ctypes
import gc
import os
import subprocess
from pathlib import Path

import psutil
import pytest
from pytest_examples import CodeExample, EvalExample
from sqlalchemy import event
from sqlalchemy.engine import Engine

from tooling.databases import entry
from tooling.lines import installed, is_twin, lines, program, twin, twins
from tooling.repo import ROOT, SNIPPETS
from tooling.snippets import (
    DeclarationError,
    browser_problems,
    marker_problems,
    missing_output,
    parse_needs,
    run_as_a_reader,
    snippet_id,
    without_output,
)

FOLDER = Path(os.environ.get("SESSIONBOOK_SNIPPETS", SNIPPETS))
PROGRAMS = sorted(p for p in FOLDER.rglob("*.py") if not is_twin(p))
LINE = installed()
CHECKED = [twin(p, LINE) if twin(p, LINE).exists() else p for p in PROGRAMS]


def _id(path: Path) -> str:
    return snippet_id(path, FOLDER)


@pytest.mark.parametrize("path", CHECKED, ids=_id)
def test_snippet_output(path: Path, eval_example: EvalExample, monkeypatch, tmp_path, request):
    source = path.read_text(encoding="utf-8")
    try:
        needs = parse_needs(source, _id(path))
    except DeclarationError as exc:
        pytest.fail(str(exc), pytrace=False)
    problems = (browser_problems(source, needs, _id(path)) if needs.browser else []) + marker_problems(
        source, _id(path)
    )
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)
    example = CodeExample.create(source, path=path)
    # ruff reads its rules from the repository's pyproject.toml: lint from the repository root.
    monkeypatch.chdir(ROOT)
    eval_example.set_config(target_version="py312")
    eval_example.lint_ruff(example)
    if LINE != lines()[0] and not is_twin(path):
        eval_example.print_callback = LINE.normalize
    # Each snippet runs in a fresh working directory, so a file database it creates
    # never leaks into the next snippet or into the repository.
    monkeypatch.chdir(tmp_path)
    if needs.servers:
        # The snippets run in this one process: collect what earlier ones left, so that no
        # connection of theirs closes on a shared server while this one counts connections.
        gc.collect()
    for name in needs.servers:
        server = request.getfixturevalue("servers")(name)
        monkeypatch.setenv(entry(name).variable, server.create_database("snippet_" + path.name.split(".")[0]))
    connected = set()

    def record(dialect, connection_record, cargs, cparams):  # every attempt to connect, failed ones too
        connected.add(f"{dialect.name}+{dialect.driver}")

    before = _children()
    event.listen(Engine, "do_connect", record)
    try:
        if eval_example.update_examples:
            eval_example.run_print_update(example)
        else:
            eval_example.run_print_check(example)
    finally:
        event.remove(Engine, "do_connect", record)
        left = _stop_children_since(before)
    if left:
        pytest.fail(f"{_id(path)} left processes running (stopped now): {'; '.join(left)}", pytrace=False)
    if not eval_example.update_examples and LINE == lines()[0]:
        # A reader copies the file and runs `python snippet.py`, more than once, in one folder: a
        # new process, which finds the database files (or tables) the first run left, must print
        # the same. (tests/browser/test_copy.py shows that the copy button copies this very text.)
        # The program is the same on every line: this runs on the first one.
        try:
            result = run_as_a_reader(source, tmp_path)
        except subprocess.TimeoutExpired as exc:
            left = _stop_children_since(before)
            pytest.fail(f"{_id(path)} run as `python snippet.py` did not end within {exc.timeout} s (stopped: {left})")
        left = _stop_children_since(before)
        stdout = result.stdout
        assert result.returncode == 0 and not result.stderr, (
            f"{_id(path)} failed as `python snippet.py` (exit {result.returncode}):\n{result.stderr}"
        )
        missing = missing_output(source, stdout)
        assert missing is None, (
            f"{_id(path)} run as `python snippet.py` a second time did not print {missing!r} where its #> lines "
            f"say; it printed:\n{result.stdout}"
        )
        assert not left, f"{_id(path)} run as `python snippet.py` left processes running: {'; '.join(left)}"
    # A twin behaves differently on its line (that is why it exists): it may stop before it connects
    # with everything its program declares, but never connect with anything else.
    wrong = not connected <= set(needs.backends) if is_twin(path) else connected != set(needs.backends)
    if wrong:
        pytest.fail(
            f"{_id(path)}:1 declares `# needs: {', '.join(needs.backends) or 'nothing'}`, but the run connected with "
            f"{', '.join(sorted(connected)) or 'nothing'}: declare exactly what it uses",
            pytrace=False,
        )


# Processes that multiprocessing starts once and keeps for the life of the test worker.
KEPT_FOR_THE_WORKER = ("multiprocessing.resource_tracker", "multiprocessing.forkserver")


@pytest.fixture(scope="module", autouse=True)
def _adopt_orphans():
    """Make this worker the subreaper of what it starts (Linux's PR_SET_CHILD_SUBREAPER): a process
    whose parent exits, such as a forked child of a `python snippet.py` that was stopped, becomes
    this worker's child instead of init's, where the check for leftover processes finds it."""
    libc = ctypes.CDLL(None, use_errno=True)
    if hasattr(libc, "prctl"):
        libc.prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER


def _children() -> set[int]:
    return {child.pid for child in psutil.Process().children()}


def _stop_children_since(before: set[int]) -> list[str]:
    """Every process started since `before` by this worker (or orphaned to it) and still running,
    with its own children, stopped; what each one was. A snippet must stop every process it
    starts, also when it fails. (Only new direct children count: a browser's own new processes
    are children of processes that were there before.)"""
    left = []
    for direct in psutil.Process().children():
        if direct.pid in before:
            continue
        try:
            tree = [direct, *direct.children(recursive=True)]
        except psutil.NoSuchProcess:
            continue
        for child in tree:
            try:
                if child.status() == psutil.STATUS_ZOMBIE:
                    continue
                command = " ".join(child.cmdline()) or child.name()
                if any(kept in command for kept in KEPT_FOR_THE_WORKER):
                    continue
                child.kill()
                left.append(command[:200])
            except psutil.NoSuchProcess:
                continue
    return left


@pytest.mark.parametrize("path", [t for p in PROGRAMS for t in twins(p)], ids=_id)
def test_a_twin_is_the_same_program(path: Path):
    """A twin differs from its program only in what it prints."""
    assert without_output(path.read_text(encoding="utf-8")) == without_output(
        program(path).read_text(encoding="utf-8")
    ), (
        f"{_id(path)} must be {_id(program(path))} with other #> lines only; copy the code over and run "
        "--update-examples on its line (python scripts/new_twin.py does both)"
    )


def test_snippets_exist():
    assert PROGRAMS, f"no snippet files found under {FOLDER}"


def test_every_twin_has_its_program():
    orphans = [str(p) for p in FOLDER.rglob("*.py") if is_twin(p) and not program(p).exists()]
    assert not orphans, f"twins without their program: {orphans}"
