"""The checks must be able to fail. Each test here feeds the real harness a broken input and
expects a loud failure that names the file: pytest's own pytester runs the snippet tests on a
folder of broken snippets, and mini-sites INHERIT the real mkdocs.yml."""

from __future__ import annotations

import json

import pytest

from tooling.advice import advice_problems
from tooling.lines import line
from tooling.pages import build, mini_site
from tooling.repo import ROOT
from tooling.sections import parity_problems

pytest_plugins = ["pytester"]


@pytest.fixture
def run_snippets(pytester, monkeypatch):
    """Run tests/test_snippets.py, in a new process, on the snippets written into a fresh folder
    (each declared `# needs: nothing` unless its source declares otherwise, or declare=False)."""

    def run(declare: bool = True, options: tuple[str, ...] = (), **files: str):
        folder = pytester.mkdir("snippets")
        for name, source in files.items():
            source = source if not declare or source.startswith("# needs:") else "# needs: nothing\n" + source
            (folder / f"{name}.py").write_text(source, encoding="utf-8")
        monkeypatch.setenv("SESSIONBOOK_SNIPPETS", str(folder))
        return pytester.runpytest_subprocess(
            str(ROOT / "tests" / "test_snippets.py"), "-p", "no:cacheprovider", "-n", "0", *options
        )

    return run


def test_a_right_snippet_passes(run_snippets):
    run_snippets(right="print(1 + 1)\n#> 2\n").assert_outcomes(passed=3, skipped=1)


def test_a_wrong_output_line_fails(run_snippets):
    result = run_snippets(wrong_output="print(1 + 1)\n#> 3\n")
    result.assert_outcomes(failed=1, passed=2, skipped=1)
    result.stdout.fnmatch_lines(["*wrong_output.py*", "*-#> 3*", "*+#> 2*"])


def test_a_snippet_that_raises_fails_naming_file_and_line(run_snippets):
    result = run_snippets(raises='print("before")\n#> before\nraise ValueError("boom")\n')
    result.assert_outcomes(failed=1, passed=2, skipped=1)
    result.stdout.fnmatch_lines(["*raises.py:4: ValueError*"])
    result.stdout.no_fnmatch_line("*INTERNALERROR*")


def test_a_lint_error_fails(run_snippets):
    result = run_snippets(unused="import os\n\nprint(1)\n#> 1\n")
    result.assert_outcomes(failed=1, passed=2, skipped=1)
    result.stdout.fnmatch_lines(["*F401*os*imported but unused*"])


def test_output_that_changes_on_the_second_run_fails(run_snippets):
    source = 'from pathlib import Path\n\nruns = Path("runs.txt")\nruns.write_text(runs.read_text() + "x" if runs.exists() else "x")\nprint(len(runs.read_text()))\n#> 1\n'
    result = run_snippets(second_run=source)
    result.assert_outcomes(failed=1, passed=2, skipped=1)
    result.stdout.fnmatch_lines(["*second_run.py run as `python snippet.py` a second time did not print '1'*"])


def test_a_snippet_that_leaves_a_process_running_fails(run_snippets):
    source = 'import subprocess\nimport sys\n\nsubprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])\nprint("started")\n#> started\n'
    result = run_snippets(leaves_a_process=source)
    result.assert_outcomes(failed=1, passed=2, skipped=1)
    result.stdout.fnmatch_lines(["*leaves_a_process.py left processes running (stopped now): *time.sleep(60)*"])


def test_a_snippet_whose_stopped_process_leaves_a_child_fails(run_snippets):
    """A process whose parent is gone is still found: the test worker adopts orphans."""
    source = (
        "import subprocess\nimport sys\n\n"
        "inner = \"import subprocess, sys, time; subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(61)']); time.sleep(60)\"\n"
        "parent = subprocess.Popen([sys.executable, '-c', inner])\n"
        "import time\n\ntime.sleep(1)\nparent.kill()\nparent.wait()\nprint('stopped')\n#> stopped\n"
    )
    result = run_snippets(orphan=source)
    result.assert_outcomes(failed=1, passed=2, skipped=1)
    result.stdout.fnmatch_lines(["*orphan.py left processes running (stopped now): *time.sleep(61)*"])


def test_a_snippet_that_hangs_fails_after_the_timeout(run_snippets):
    result = run_snippets(hangs="import time\n\ntime.sleep(60)\n", options=("-o", "timeout=3"))
    assert result.ret != 0
    result.stdout.fnmatch_lines(["*+++ Timeout +++*", "*hangs_*.py*line 4*", "*time.sleep(60)*"])


GOOD_PAGE = '# Home { #home }\n\n```python\n--8<-- "ok.py"\n```\n\n[top](#home)\n'


def site_with(tmp_path, page: str = GOOD_PAGE, notebook: dict | None = None):
    pages = {"index.ko.md": page, "index.en.md": page}
    if notebook:
        pages |= {"lab.ko.ipynb": json.dumps(notebook), "lab.en.ipynb": json.dumps(notebook)}
    config = mini_site(tmp_path, pages)
    (tmp_path / "snippets" / "ok.py").write_text('# needs: nothing\nprint("ok")\n#> ok\n')
    return build(config, tmp_path / "site")


def test_the_mini_site_builds(tmp_path):
    result = site_with(tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site" / "en" / "index.html").is_file()


def test_a_missing_snippet_fails_the_build(tmp_path):
    result = site_with(tmp_path, GOOD_PAGE.replace("ok.py", "gone.py"))
    assert result.returncode != 0
    assert "gone.py" in result.stderr, result.stderr


def test_a_broken_anchor_fails_the_build(tmp_path):
    result = site_with(tmp_path, GOOD_PAGE.replace("(#home)", "(#nowhere)"))
    assert result.returncode != 0
    assert "nowhere" in result.stderr, result.stderr


def test_a_notebook_cell_that_raises_fails_the_build(tmp_path):
    notebook = {
        "cells": [
            {
                "cell_type": "code",
                "id": "raises",
                "execution_count": None,
                "metadata": {},
                "outputs": [],
                "source": ["raise RuntimeError('cell failed')"],
            }
        ],
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    result = site_with(tmp_path, notebook=notebook)
    assert result.returncode != 0
    assert "cell failed" in result.stderr + result.stdout, result.stderr


PAGE = """# Page { #page }

## Part { #part }

See [the docs](https://example.com/a).

!!! note
    A note.

| a | b |
| - | - |
| 1 | 2 |
"""


@pytest.mark.parametrize(
    "drift, expected",
    [
        (("https://example.com/a", "https://example.com/b"), "link targets differ"),
        (("!!! note", "!!! warning"), "admonitions differ"),
        (("| 1 | 2 |\n", "| 1 | 2 |\n| 3 | 4 |\n"), "tables (rows x columns) differ"),
        (("{ #part }", "{ #parts }"), "section anchors differ"),
    ],
)
def test_the_parity_check_finds_drift(tmp_path, drift, expected):
    pages = {"ko": tmp_path / "page.ko.md", "en": tmp_path / "page.en.md"}
    pages["ko"].write_text(PAGE, encoding="utf-8")
    pages["en"].write_text(PAGE.replace(*drift), encoding="utf-8")
    problems = parity_problems(pages)
    assert any(expected in problem and "page.ko.md" in problem for problem in problems), problems
    pages["en"].write_text(PAGE, encoding="utf-8")
    assert parity_problems(pages) == []


ADVICE = """# Errors { #errors }

## `boom` { #boom }

```python
--8<-- "fix.py"
```

<!-- proven: fix.py -->
**Fix.** Do it right.

## Checklist { #checklist }

<!-- proven: fix.py -->

```python
--8<-- "fix.py"
```
"""
PROOF = 'print("with the fix: 20 requests, failures: 0")\n#> with the fix: 20 requests, failures: 0\n'


@pytest.mark.parametrize(
    "change, expected",
    [
        (
            ("<!-- proven: fix.py -->\n**Fix.**", "**Fix.**"),
            "page.en.md:9: **Fix.** without a <!-- proven: FILE --> marker",
        ),
        (
            ("## Checklist { #checklist }\n\n<!-- proven: fix.py -->", "## Checklist { #checklist }"),
            "page.en.md:12: section #checklist gives advice but has no",
        ),
        (
            ("<!-- proven: fix.py -->\n**Fix.**", "<!-- proven: other.py -->\n**Fix.**"),
            "proven by other.py, which this section does not include",
        ),
        (
            ("<!-- proven: fix.py -->\n**Fix.**", "<!-- proven: fix.py, gone.py -->\n**Fix.**"),
            "proven by gone.py, which this section does not include",
        ),
    ],
)
def test_unproven_advice_is_found(tmp_path, change, expected):
    (tmp_path / "fix.py").write_text(PROOF, encoding="utf-8")
    page = tmp_path / "page.en.md"
    page.write_text(ADVICE, encoding="utf-8")
    assert advice_problems(page, tmp_path) == []
    page.write_text(ADVICE.replace(*change), encoding="utf-8")
    problems = advice_problems(page, tmp_path)
    assert any(expected in problem for problem in problems), problems


@pytest.mark.parametrize(
    "proof",
    [
        'print("with the fix: 20 requests, failures: 1")\n#> with the fix: 20 requests, failures: 1\n',  # a failure
        'print("with the fix: 5 requests, failures: 0")\n#> with the fix: 5 requests, failures: 0\n',  # one cycle proves an output only
        'print("ok")\n#> ok\n',  # no count at all
    ],
)
def test_a_snippet_that_does_not_prove_its_advice_is_found(tmp_path, proof):
    (tmp_path / "fix.py").write_text(proof, encoding="utf-8")
    page = tmp_path / "page.ko.md"
    page.write_text(ADVICE.replace("**Fix.**", "**해결.**"), encoding="utf-8")
    problems = advice_problems(page, tmp_path)
    assert any(
        "fix.py prints no proof line" in problem and problem.startswith("page.ko.md:9:") for problem in problems
    ), problems


def test_a_2_0_twin_must_prove_the_advice_too(tmp_path):
    (tmp_path / "fix.py").write_text(PROOF, encoding="utf-8")
    (tmp_path / "fix.sqla20.py").write_text(PROOF.replace("failures: 0", "failures: 2"), encoding="utf-8")
    page = tmp_path / "page.en.md"
    page.write_text(ADVICE, encoding="utf-8")
    assert any("fix.sqla20.py prints no proof line" in problem for problem in advice_problems(page, tmp_path))


def test_postgres_is_stopped_after_a_failing_run(pytester):
    """A test run that uses the server and fails must still stop it: no process left."""
    import psutil

    pytester.makeconftest("pytest_plugins = ['tooling.fixtures']\n")
    pytester.makepyfile(
        test_fails="""
        def test_uses_the_server_and_fails(servers):
            open("data_dir.txt", "w").write(str(servers("postgresql").data))
            assert False, "this test fails on purpose"
    """
    )
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(failed=1)
    data_dir = (pytester.path / "data_dir.txt").read_text()
    left = [
        p.pid for p in psutil.process_iter(["cmdline"]) if any(data_dir in part for part in p.info["cmdline"] or [])
    ]
    assert not left, f"PostgreSQL processes left running after a failed run: {left}"


def test_a_server_that_cannot_start_says_why():
    from tooling.databases import ServerError
    from tooling.databases.postgresql import Server

    server = Server()
    server.data.mkdir(parents=True)
    (server.data / "stray-file").write_text("not a PostgreSQL data directory")
    with pytest.raises(ServerError, match=r"(?s)initdb \(data directory\) failed.*exists but is not empty"):
        server.start()
    server.stop()
    assert not server.pids()


def test_a_server_of_another_version_or_none_at_all_says_so():
    """The helpers every server module uses (tooling/databases/local.py): a binary that is not
    installed says how Debian installs it; a version the registry does not name is refused."""
    from tooling.databases import ServerError, ServerMissing
    from tooling.databases.local import check_version, find_binary

    with pytest.raises(ServerMissing, match=r"nosuchd is not installed: on Debian, `apt-get install -y nosuch`"):
        find_binary("nosuchd", "apt-get install -y nosuch")
    check_version("mariadbd", "10.11.19", "10.11")
    with pytest.raises(
        ServerError, match=r"mariadbd is version 10.110.1; the registry \(tooling/databases\) says 10.11"
    ):
        check_version("mariadbd", "10.110.1", "10.11")


@pytest.mark.parametrize(
    "printed_on_2_0, shown_for_2_1",
    [
        (
            "(Background on this error at: https://sqlalche.me/e/20/3o7r)",
            "(Background on this error at: https://sqlalche.me/e/21/3o7r)",
        ),
        ("SELECT users.id AS users_id, users.name AS users_name FROM users", "SELECT users.id, users.name FROM users"),
    ],
)
def test_normalization_maps_only_the_text_only_differences(printed_on_2_0, shown_for_2_1):
    assert line("2.0").normalize(printed_on_2_0) == shown_for_2_1


@pytest.mark.parametrize(
    "printed_on_2_0, shown_for_2_1",
    [
        ("https://sqlalche.me/e/20/3o7r", "https://sqlalche.me/e/21/xd2s"),  # another error
        ("SELECT users.id AS uid FROM users", "SELECT users.id FROM users"),  # a label the program chose
        ("SELECT users.id AS users_id", "SELECT users.name"),  # another column
        ("flushed: False", "flushed: True"),  # a behaviour
        ("can't call await_only() here", "can't call await_() here"),  # a message 2.1 changed
    ],
)
def test_normalization_cannot_hide_a_real_difference(printed_on_2_0, shown_for_2_1):
    assert line("2.0").normalize(printed_on_2_0) != shown_for_2_1


def test_a_2_0_twin_must_be_the_same_program(run_snippets, tmp_path):
    result = run_snippets(prints="print(1)\n#> 1\n", **{"prints.sqla20": "print(2)\n#> 1\n"})
    result.assert_outcomes(failed=1, passed=3)
    result.stdout.fnmatch_lines(["*prints.sqla20.py must be prints.py with other #> lines only*"])


CONNECTS_WITH_PYSQLITE = """from sqlalchemy import create_engine, text

engine = create_engine("sqlite://")
with engine.connect() as conn:
    print(conn.scalar(text("select 1")))
    #> 1
engine.dispose()
"""


@pytest.mark.parametrize(
    "source, expected",
    [
        ("print(1)\n#> 1\n", "snippet.py:1: the first line must declare what the snippet needs*found 'print(1)'"),
        (
            "# needs: oracle+oracledb\nprint(1)\n#> 1\n",
            "snippet.py:1: needs oracle+oracledb, but the registry (tooling/databases) has no database 'oracle'*",
        ),
        (
            "# needs: postgresql+pg8000\nprint(1)\n#> 1\n",
            "snippet.py:1: needs postgresql+pg8000, but the registry has no driver 'pg8000' for postgresql*",
        ),
        (
            "# needs: nothing\n" + CONNECTS_WITH_PYSQLITE,
            "snippet.py:1 declares `# needs: nothing`, but the run connected with sqlite+pysqlite*",
        ),
        (
            "# needs: sqlite+aiosqlite\n" + CONNECTS_WITH_PYSQLITE,
            "snippet.py:1 declares `# needs: sqlite+aiosqlite`, but the run connected with sqlite+pysqlite*",
        ),
        (
            "# needs: nothing (runs in a browser)\nimport threading\n\nprint(threading.active_count())\n#> 1\n",
            "snippet.py: runs in a browser, but uses threading",
        ),
        (
            "# needs: nothing (runs in a browser)\nimport asyncio\n\nprint(asyncio.run(asyncio.sleep(0, 1)))\n#> 1\n",
            "snippet.py: runs in a browser, but uses asyncio",
        ),
        (
            "# needs: postgresql+psycopg (runs in a browser)\nprint(1)\n#> 1\n",
            "snippet.py: runs in a browser, where only sqlite+pysqlite exists, but needs postgresql+psycopg",
        ),
    ],
    ids=[
        "undeclared",
        "unknown-database",
        "unknown-driver",
        "declares-nothing-connects-sqlite",
        "declares-aiosqlite-connects-pysqlite",
        "browser-threading",
        "browser-asyncio",
        "browser-postgresql",
    ],
)
def test_a_wrong_declaration_fails_naming_the_file(run_snippets, source, expected):
    result = run_snippets(declare=False, snippet=source)
    result.assert_outcomes(failed=1, passed=2, skipped=1)
    result.stdout.fnmatch_lines([f"*{expected}*"])


# A database of the registry whose server binaries this machine lacks: a plugin module (on the
# run's PYTHONPATH, loaded through PYTEST_PLUGINS) adds it to the registry and is its server module.
MISSING_DATABASE = """
from tooling.databases import DATABASES, Database, ServerMissing


class Server:
    def start(self):
        raise ServerMissing("no fakedb binaries on this machine")

    def stop(self):
        pass


DATABASES["fakedb"] = Database("fakedb", "FakeDB", {"fakedriver": ""}, variable="FAKEDB_URL", server=__name__)
"""


@pytest.mark.parametrize("ci", ["", "true"])
def test_a_missing_server_skips_its_snippets_but_fails_under_ci(run_snippets, pytester, monkeypatch, ci):
    pytester.makepyfile(missing_database=MISSING_DATABASE)
    monkeypatch.setenv("PYTEST_PLUGINS", "missing_database")
    monkeypatch.setenv("CI", ci)
    result = run_snippets(needs_fakedb="# needs: fakedb+fakedriver\nprint(1)\n#> 1\n")
    if ci:
        result.assert_outcomes(failed=1, passed=2, skipped=1)
        result.stdout.fnmatch_lines(
            ["*FakeDB is missing, and CI=true requires every server: no fakedb binaries on this machine*"]
        )
    else:
        result.assert_outcomes(passed=2, skipped=2)
        result.stdout.fnmatch_lines(["SKIPPED*FakeDB is missing: no fakedb binaries on this machine*"])


# Any number of languages: a mini-site whose i18n plugin builds a third language, `de`, with the
# English strings. The real plugins are read from mkdocs.yml (INHERIT replaces a list as a whole).
THIRD_PAGE = """# Home { #home }

```python
--8<-- "SNIPPET"
```

## Part { #part }

See [the docs](https://example.com/a).

!!! note
    A note.
"""


def with_language(config, entry: dict, to=None):
    """The mini-site's configuration with one more i18n language entry, written to `to` (default:
    over the configuration itself)."""
    import yaml
    from mkdocs.utils.yaml import yaml_load

    with open(ROOT / "mkdocs.yml", encoding="utf-8") as real:
        plugins = yaml_load(real)["plugins"]
    i18n = next(plugin["i18n"] for plugin in plugins if isinstance(plugin, dict) and "i18n" in plugin)
    i18n["languages"].append(entry)
    to = to or config
    to.write_text(
        config.read_text(encoding="utf-8") + yaml.safe_dump({"plugins": plugins}, allow_unicode=True, sort_keys=False),
        encoding="utf-8",
    )
    return to


def test_a_third_language_builds_and_is_checked_like_the_others(tmp_path):
    from tooling.repo import SNIPPETS, mkdocs_config, string_problems, strings
    from tooling.snippets import needs

    # A real snippet on SQLite, at the same place in the mini-site's snippets/ (the parity check
    # renders pages with the real snippets/).
    snippet = next(p for p in sorted(SNIPPETS.rglob("*.py")) if needs(p).backends == ("sqlite+pysqlite",))
    name = str(snippet.relative_to(SNIPPETS))
    page = THIRD_PAGE.replace("SNIPPET", name)
    langs = ("ko", "en", "de")
    config = mini_site(tmp_path, {f"index.{lang}.md": page for lang in langs})
    (tmp_path / "snippets" / name).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / "snippets" / name).write_text(snippet.read_text(encoding="utf-8"), encoding="utf-8")
    german = {"locale": "de", "name": "Deutsch", "build": True, "extra": {"strings": strings("en")}}
    with_language(config, german)

    result = build(config, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    home = (tmp_path / "site" / "de" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="de"' in home
    assert "checked on SQLAlchemy" in home and "(pysqlite)." in home, home
    assert (tmp_path / "site" / "search" / "search_index.de.json").is_file()
    for lang in ("ko", "en"):  # every page links to every other language
        assert 'hreflang="de"' in (tmp_path / "site" / ("" if lang == "ko" else lang) / "index.html").read_text()

    assert string_problems(mkdocs_config(config)) == []
    pages = {lang: tmp_path / "docs" / f"index.{lang}.md" for lang in langs}
    assert parity_problems(pages) == []

    # The third language drifts: its page, and its strings.
    pages["de"].write_text(page.replace("!!! note", "!!! warning"), encoding="utf-8")
    problems = parity_problems(pages)
    assert problems and all("index.de.md vs index.ko.md: #part: admonitions differ" in p for p in problems), problems
    del german["extra"]["strings"]["annotation"]
    drifted = with_language(mini_site(tmp_path / "drift", {}), german)
    problems = string_problems(mkdocs_config(drifted))
    assert problems == [
        (
            f"{drifted}: language 'de' has no string 'annotation' "
            "(plugins > i18n > languages > de > extra > strings); set for ko, en"
        )
    ], problems


def test_a_language_without_an_advice_label_fails_naming_it(tmp_path):
    page = tmp_path / "page.fr.md"
    page.write_text(ADVICE, encoding="utf-8")
    assert advice_problems(page, tmp_path) == [
        (
            "page.fr.md: no advice label for language 'fr': mkdocs.yml, "
            "plugins > i18n > languages > fr > extra > strings > advice_label"
        )
    ]
