"""The tables the tooling reads agree with each other, and the tools that read them do what they
say: the SQLAlchemy lines (pyproject.toml) against the requirements pins, nox's sessions and the
versions hook; the registry's drivers against the pins; the browser rule of the declarations;
the "checked on" data the versions hook gives a page; scripts/new_twin.py. Each check is also fed
a wrong input, to prove that it can fail."""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from types import SimpleNamespace

import pytest

from tooling.databases import DATABASES, POOLERS
from tooling.lines import PINNED_IN, Line, lines, missing_bytecode, table_problems
from tooling.pages import build, mini_site
from tooling.repo import ROOT
from tooling.snippets import DeclarationError, Needs, browser_problems, parse_needs, without_annotations

REQUIREMENTS = {name: (ROOT / name).read_text(encoding="utf-8") for name in PINNED_IN}
SNIPPET_PINS = REQUIREMENTS["requirements/snippets.txt"]


def pinned(distribution: str) -> str:
    return re.search(rf"^{re.escape(distribution)}==(\S+)", SNIPPET_PINS, re.MULTILINE | re.IGNORECASE)[1]


def test_the_lines_table_agrees_with_the_pins():
    assert table_problems(lines(), REQUIREMENTS) == []


@pytest.mark.parametrize(
    "table, requirements, expected",
    [
        (lines(), {"requirements.txt": "sqlalchemy==2.1.8\n"}, "requirements.txt pins SQLAlchemy 2.1.8, but the first"),
        (lines(), {"requirements/snippets.in": "Flask==3.1.3\n"}, "requirements/snippets.in pins SQLAlchemy nowhere"),
        (
            lines(),
            {"requirements.txt": f"sqlalchemy=={lines()[0].version}\nSQLAlchemy[asyncio]==2.0.58\n"},
            f"requirements.txt pins SQLAlchemy {lines()[0].version} and 2.0.58",
        ),
        (
            (lines()[0], Line("2.0", "2.1.9")),
            {},
            "pyproject.toml: the SQLAlchemy line 2.0 has version 2.1.9, which is not of that line",
        ),
    ],
    ids=["wrong-pin", "no-pin", "two-pins", "version-of-another-line"],
)
def test_a_table_that_disagrees_is_found(table, requirements, expected):
    problems = table_problems(table, requirements)
    assert any(expected in problem for problem in problems), problems


def test_nox_has_one_session_per_other_line():
    listed = subprocess.run([sys.executable, "-m", "nox", "-l"], cwd=ROOT, capture_output=True, text=True, check=True)
    # `* name` is selected by default, `- name` is not: plain `nox` runs `all`, which runs the others.
    sessions = {name: mark for mark, name in re.findall(r"^([*-]) (\S+)", listed.stdout, re.MULTILINE)}
    assert [name for name in sessions if name.startswith("snippets")] == [f"snippets-{one.line}" for one in lines()[1:]]
    assert "tests" in sessions and sessions.get("all") == "*", listed.stdout


def hook(name: str):
    """A build hook, loaded from its file as MkDocs loads it."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "hooks" / name)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def versions_hook():
    return hook("verified_versions.py")


def test_the_versions_hook_names_every_line(versions_hook, tmp_path):
    config = SimpleNamespace(
        extra={},
        mdx_configs={"pymdownx.snippets": {"base_path": ["snippets"]}},
        config_file_path=str(ROOT / "mkdocs.yml"),
    )
    versions_hook.on_config(config)
    assert config.extra == {"sqlalchemy_lines": [one.version for one in lines()]}  # nothing private
    assert versions_hook.snippets_folder == ROOT / "snippets"
    assert versions_hook.checked_on(tmp_path, [], versions_hook.pins())["sqlalchemy"] == [
        one.version for one in lines()
    ]


def unpinned_drivers(pins: dict[str, str]) -> list[str]:
    return [
        f"{name}+{driver} ({distribution})"
        for name, database in DATABASES.items()
        for driver, distribution in database.drivers.items()
        if distribution and distribution not in pins
    ]


def test_every_driver_of_the_registry_is_pinned(versions_hook):
    unpinned = unpinned_drivers(versions_hook.pins())
    assert not unpinned, f"drivers of tooling/databases not pinned in requirements/snippets.txt: {unpinned}"
    assert "postgresql+asyncpg (asyncpg)" in unpinned_drivers({})  # the check can fail


def test_a_page_names_its_databases_with_the_pinned_drivers(versions_hook, tmp_path):
    (tmp_path / "pg.py").write_text("# needs: postgresql+psycopg, postgresql+asyncpg\n")
    (tmp_path / "lite.py").write_text("# needs: sqlite+pysqlite (runs in a browser)\n")
    (tmp_path / "also_lite.py").write_text("# needs: sqlite+aiosqlite, postgresql+psycopg\n")
    checked = versions_hook.checked_on(tmp_path, ["pg.py", "lite.py", "also_lite.py"], versions_hook.pins())
    assert checked["databases"] == [
        {"title": f"SQLite {DATABASES['sqlite'].version}", "drivers": ["pysqlite", f"aiosqlite {pinned('aiosqlite')}"]},
        {
            "title": f"PostgreSQL {DATABASES['postgresql'].version}",
            "drivers": [f"psycopg {pinned('psycopg')}", f"asyncpg {pinned('asyncpg')}"],
        },
    ]


def test_a_page_names_a_pooler_after_its_databases(versions_hook, tmp_path):
    (tmp_path / "bouncer.py").write_text("# needs: postgresql+psycopg, pgbouncer\n")
    checked = versions_hook.checked_on(tmp_path, ["bouncer.py"], versions_hook.pins())
    assert checked["databases"] == [
        {"title": f"PostgreSQL {DATABASES['postgresql'].version}", "drivers": [f"psycopg {pinned('psycopg')}"]},
        {"title": f"PgBouncer {POOLERS['pgbouncer'].version}", "drivers": []},
    ]


def test_a_page_whose_snippets_need_nothing_names_no_database(versions_hook, tmp_path):
    (tmp_path / "plain.py").write_text("# needs: nothing\nprint(1)\n#> 1\n")
    assert versions_hook.checked_on(tmp_path, ["plain.py"], versions_hook.pins())["databases"] == []


def test_an_undeclared_snippet_is_refused_naming_it(versions_hook, tmp_path):
    (tmp_path / "bare.py").write_text("print(1)\n#> 1\n")
    with pytest.raises(DeclarationError, match=r"bare\.py:1: the first line must declare"):
        versions_hook.checked_on(tmp_path, ["bare.py"], versions_hook.pins())


def test_an_undeclared_snippet_fails_the_build_naming_it(tmp_path):
    page = '# Home { #home }\n\n```python\n--8<-- "bare.py"\n```\n'
    config = mini_site(tmp_path, {"index.ko.md": page, "index.en.md": page})
    (tmp_path / "snippets" / "bare.py").write_text('print("ok")\n#> ok\n')
    result = build(config, tmp_path / "site")
    assert result.returncode != 0
    assert "index.ko.md includes a snippet without a valid declaration" in result.stderr, result.stderr
    assert "bare.py:1: the first line must declare what the snippet needs" in result.stderr, result.stderr


@pytest.mark.parametrize(
    "source, expected",
    [
        ("import threading\n", ["uses threading"]),
        ("from concurrent.futures import ThreadPoolExecutor\n", ["uses concurrent"]),
        ("import asyncio\n", ["uses asyncio"]),
        ("from sqlalchemy.ext.asyncio import create_async_engine\n", ["uses sqlalchemy.ext.asyncio"]),
        ("from sqlalchemy.ext import asyncio\n", ["uses sqlalchemy.ext.asyncio"]),
        ("import os\n\nos.fork()\n", ["uses os.fork"]),
        ("from os import fork\n", ["uses os.fork"]),
        ("import flask\n", ["imports flask, which the browser runner does not load"]),
        ("import threading\n\nthreading.Thread()\n", ["uses threading"]),  # said once
        # What may run: the standard library, SQLAlchemy, a variable's attribute named like a module's.
        (
            "import json\nimport sqlite3\n\nfrom sqlalchemy import create_engine\nfrom sqlalchemy.orm import Session\n",
            [],
        ),
        ("class Cutlery:\n    fork = 1\n\n\nprint(Cutlery.fork)\n", []),
    ],
)
def test_the_browser_rule(source, expected):
    problems = browser_problems(source, Needs(("sqlite+pysqlite",), True), "x.py")
    assert [problem.removeprefix("x.py: runs in a browser, but ") for problem in problems] == expected


def test_a_browser_snippet_needs_nothing_but_pysqlite():
    problems = browser_problems("", Needs(("sqlite+aiosqlite",), True), "x.py")
    assert problems == ["x.py: runs in a browser, where only sqlite+pysqlite exists, but needs sqlite+aiosqlite"]


def test_every_server_lives_in_a_folder_under_tmpdir():
    """.ci/run finds the processes that outlive the tests by the run's $TMPDIR in their command
    line: every server of the registry keeps its data there, and stop() removes it."""
    for database in DATABASES.values():
        if database.server:
            server = database.server_module().Server()
            assert server.folder.is_relative_to(tempfile.gettempdir()), f"{database.server}: {server.folder}"
            server.stop()
            assert not server.folder.exists(), f"{database.server}: stop() left {server.folder}"
    for pooler in POOLERS.values():
        server = pooler.server_module().Server(upstream=None)
        assert server.folder.is_relative_to(tempfile.gettempdir()), f"{pooler.server}: {server.folder}"
        server.stop()
        assert not server.folder.exists(), f"{pooler.server}: stop() left {server.folder}"


def test_a_pooler_is_declared_with_its_database():
    assert parse_needs("# needs: postgresql+psycopg, pgbouncer", "x.py").servers == ["postgresql", "pgbouncer"]
    with pytest.raises(DeclarationError, match=r"x\.py:1: needs pgbouncer, which stands in front of postgresql"):
        parse_needs("# needs: sqlite+pysqlite, pgbouncer", "x.py")


def test_the_install_commands_name_the_pinned_uv():
    """README's two commands and .ci/run install uv first: the version requirements pin."""
    pin = re.search(r"^uv==(\S+)", (ROOT / "requirements.txt").read_text(), re.MULTILINE)[1]
    for name in ("README.md", ".ci/run"):
        named = re.findall(r"pip install uv==(\S+)", (ROOT / name).read_text(encoding="utf-8"))
        assert named and set(named) == {pin}, f"{name} installs uv {named}; requirements.txt pins {pin}"


def test_the_environment_has_its_bytecode():
    """The README's install writes bytecode (--compile-bytecode); noxfile.py checks its own sessions."""
    problem = missing_bytecode()
    assert problem is None, problem


PROGRAM = '# needs: nothing\nprint("hi")  # (1)!\n#> hi\n'


def new_twin(folder: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "new_twin.py"), *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=folder,
        env={**os.environ, "SESSIONBOOK_SNIPPETS": str(folder / "snippets")},
    )


@pytest.fixture
def snippets(tmp_path) -> Path:
    (tmp_path / "snippets" / "demo").mkdir(parents=True)
    (tmp_path / "snippets" / "demo" / "hello.py").write_text(PROGRAM, encoding="utf-8")
    return tmp_path / "snippets"


def test_new_twin_copies_the_program_without_annotations(snippets):
    other = lines()[1]
    result = new_twin(snippets.parent, "snippets/demo/hello.py", "--line", other.line, "--no-run")
    assert result.returncode == 0, result.stderr
    made = snippets / "demo" / ("hello" + other.twin_suffix)
    assert made.read_text(encoding="utf-8") == without_annotations(PROGRAM) == '# needs: nothing\nprint("hi")\n#> hi\n'
    node = f"tests/test_snippets.py::test_snippet_output[demo/hello{other.twin_suffix}]"
    assert f"nox -R -s snippets-{other.line} -- --update-examples '{node}'" in result.stdout
    assert f'=== "SQLAlchemy {lines()[0].line}"' in result.stdout and '--8<-- "demo/hello.py"' in result.stdout
    assert (
        f'=== "SQLAlchemy {other.line}"' in result.stdout and f'--8<-- "demo/hello{other.twin_suffix}"' in result.stdout
    )


TWIN = "hello" + lines()[1].twin_suffix


@pytest.mark.parametrize(
    "args, expected",
    [
        ([f"snippets/demo/{TWIN}"], "is itself a twin"),
        (["snippets/demo/hello.py"], f"demo/{TWIN} exists already"),
        (["elsewhere.py"], "elsewhere.py is not a snippet"),
        (["snippets/demo/hello.py", "--line", lines()[0].line], "invalid choice"),
    ],
    ids=["a-twin", "twin-exists", "not-a-snippet", "the-first-line"],
)
def test_new_twin_refuses(snippets, args, expected):
    twin = snippets / "demo" / TWIN
    twin.write_text("kept", encoding="utf-8")
    (snippets.parent / "elsewhere.py").write_text(PROGRAM, encoding="utf-8")
    result = new_twin(snippets.parent, *args, "--no-run")
    assert result.returncode != 0
    assert expected in result.stderr, result.stderr
    assert twin.read_text(encoding="utf-8") == "kept"


def test_an_annotated_snippet_must_not_print_a_marker():
    from tooling.snippets import marker_problems

    printed = 'print("timeout(2)")  # (1)!\n#> timeout(2)\n'
    assert marker_problems(printed, "x.py") == [
        "x.py:2: output line '#> timeout(2)' contains (N), which Material reads as an annotation marker"
    ]
    assert marker_problems(printed.replace("  # (1)!", ""), "x.py") == []  # no annotations, no markers
