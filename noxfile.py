"""The whole test suite on every SQLAlchemy line: `nox`, which the README's test command runs.

- `tests`: everything (snippets, pages, the site, the browser) in the environment nox itself runs
  in, where requirements.txt pins the first line of the table in pyproject.toml.
- `snippets-<line>` (`snippets-2.0`) for each other line of that table: every snippet again, in an
  environment of its own with what the snippets and their tests need (requirements/snippets.txt,
  requirements/tests.txt) and that line's SQLAlchemy. tests/test_snippets.py checks each
  snippet's twin for the line where it has one, otherwise its own output with the line's
  text-only differences rewritten (tooling/lines.py).

`nox -s snippets-2.0 -- --update-examples` rewrites the 2.0 twins' output from a real run (`-k NAME`
for one); `python scripts/new_twin.py FILE` makes a new twin. `-R` reuses the environment.
"""

import sys

import nox

from tooling.lines import Line, lines

nox.options.default_venv_backend = "uv"  # uv is pinned in requirements; it installs in seconds
nox.options.error_on_external_run = True


@nox.session(python=False)
def tests(session):
    session.run(sys.executable, "-m", "pytest", *session.posargs)


def snippets_on(line: Line) -> str:
    """Register the session `snippets-<line>`; its name."""

    @nox.session(name=f"snippets-{line.line}", python=sys.executable)
    def snippets(session):
        session.install("-r", "requirements/snippets.txt", "-r", "requirements/tests.txt", "-e", ".")
        session.install(f"sqlalchemy[asyncio]=={line.version}")
        session.run(
            "python",
            "-c",
            f"import sqlalchemy; assert sqlalchemy.__version__ == {line.version!r}, sqlalchemy.__version__",
        )
        # Options alone (`-- --update-examples`, `-- -k pool`) apply to tests/test_snippets.py; a
        # test path or node id (`-- tests/test_snippets.py::test_snippet_output[...]`) replaces it.
        paths = [] if any(arg.startswith("tests/") for arg in session.posargs) else ["tests/test_snippets.py"]
        session.run("python", "-m", "pytest", *paths, *session.posargs)

    return f"snippets-{line.line}"


nox.options.sessions = ["tests", *(snippets_on(one) for one in lines()[1:])]
