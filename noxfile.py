"""The whole test suite on every SQLAlchemy line: `nox`, which the README's test command runs.

- `all` (what plain `nox` runs): `tests` and every `snippets-<line>` at the same time, each in a
  process of its own; the other sessions' output follows `tests`'s, and `all` fails if any of them
  failed. Their snippets wait on servers (timeouts, idle connections) while the browser tests keep
  the processors busy, so together they take little more than `tests` alone.
- `tests`: everything (snippets, pages, the site, the browser) in the environment nox itself runs
  in, where requirements.txt pins the first line of the table in pyproject.toml; first
  `python -m tooling.runtime`, which fetches the browser runner's runtime the build copies in.
- `snippets-<line>` (`snippets-2.0`) for each other line of that table: every snippet again, in an
  environment of its own with what the snippets and their tests need (requirements/snippets.txt,
  requirements/tests.txt) and that line's SQLAlchemy. tests/test_snippets.py checks each
  snippet's twin for the line where it has one, otherwise its own output with the line's
  text-only differences rewritten (tooling/lines.py).

`nox -s snippets-2.0 -- --update-examples` rewrites the 2.0 twins' output from a real run (`-k NAME`
for one); `python scripts/new_twin.py FILE` makes a new twin. `-R` reuses the environment.
"""

import subprocess
import sys
import tempfile

import nox

from tooling.lines import Line, lines

nox.options.default_venv_backend = "uv"  # uv is pinned in requirements; it installs in seconds
nox.options.error_on_external_run = True


@nox.session(python=False)
def tests(session):
    # The browser runner's runtime (Pyodide and the SQLAlchemy wheels), which the site's build
    # copies in: fetched once into ~/.cache/sessionbook, checked against its pins every time.
    session.run(sys.executable, "-m", "tooling.runtime")
    session.run(sys.executable, "-m", "pytest", *session.posargs)


# With bytecode, as the README's commands install (tooling.lines.missing_bytecode says why).
COMPILED = {"UV_COMPILE_BYTECODE": "1"}
CHECK_INSTALLED = "import sqlalchemy; from tooling.lines import missing_bytecode as m; assert not m(), m()"


def snippets_on(line: Line) -> str:
    """Register the session `snippets-<line>`; its name."""

    @nox.session(name=f"snippets-{line.line}", python=sys.executable)
    def snippets(session):
        session.install("-r", "requirements/snippets.txt", "-r", "requirements/tests.txt", "-e", ".", env=COMPILED)
        session.install(f"sqlalchemy[asyncio]=={line.version}", env=COMPILED)
        session.run("python", "-c", f"{CHECK_INSTALLED}; assert sqlalchemy.__version__ == {line.version!r}")
        # Options alone (`-- --update-examples`, `-- -k pool`) apply to tests/test_snippets.py; a
        # test path or node id (`-- tests/test_snippets.py::test_snippet_output[...]`) replaces it.
        paths = [] if any(arg.startswith("tests/") for arg in session.posargs) else ["tests/test_snippets.py"]
        session.run("python", "-m", "pytest", *paths, *session.posargs)

    return f"snippets-{line.line}"


OTHER_LINES = [snippets_on(one) for one in lines()[1:]]


@nox.session(name="all", python=False)
def everything(session):
    """`tests` here, and each `snippets-<line>` beside it in a nox of its own, with the same arguments."""
    with tempfile.TemporaryDirectory() as folder:
        others = []
        for name in OTHER_LINES:
            log = open(f"{folder}/{name}.log", "w+")  # noqa: SIM115 (read back and closed below)
            command = [sys.executable, "-m", "nox", "-s", name, "--", *session.posargs]
            others.append((name, subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT), log))
        failed = []
        try:
            session.run(sys.executable, "-m", "nox", "-s", "tests", "--", *session.posargs)
        except nox.command.CommandFailed:
            failed.append("tests")
        finally:
            for name, process, log in others:
                if process.wait():
                    failed.append(name)
                log.seek(0)
                print(f"\n===== nox -s {name} (ran beside tests) =====\n{log.read()}", flush=True)
                log.close()
    if failed:
        session.error(f"failed: {', '.join(failed)}")


nox.options.sessions = ["all"]
