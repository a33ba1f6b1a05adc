"""The whole test suite on every SQLAlchemy line: `nox`, which the README's test command runs.

- `tests`: everything (snippets, pages, the site, the browser) in the environment nox itself runs
  in, where requirements.txt pins the first line of the table in pyproject.toml.
- `snippets-<line>` for each other line of that table: every snippet again, in an environment of
  its own with what the snippets and their tests need (requirements/snippets.txt,
  requirements/tests.txt) and that line's SQLAlchemy. tests/test_snippets.py checks each
  snippet's twin for the line where it has one, otherwise its own output with the line's
  text-only differences rewritten (tooling/lines.py).

`nox -s snippets-2.0 -- --update-examples` rewrites the 2.0 twins' output from a real run;
`python scripts/new_twin.py FILE` makes a new twin.
"""

import sys

import nox
from tooling.lines import lines

nox.options.sessions = ["tests", "snippets"]
nox.options.default_venv_backend = "uv"  # uv is pinned in requirements; it installs in seconds
nox.options.error_on_external_run = True


@nox.session(python=False)
def tests(session):
    session.run(sys.executable, "-m", "pytest", *session.posargs)


@nox.session(python=sys.executable)
@nox.parametrize("line", [nox.param(one, id=one.line) for one in lines()[1:]])
def snippets(session, line):
    session.install("-r", "requirements/snippets.txt", "-r", "requirements/tests.txt", "-e", ".")
    session.install(f"sqlalchemy[asyncio]=={line.version}")
    session.run(
        "python", "-c", f"import sqlalchemy; assert sqlalchemy.__version__ == {line.version!r}, sqlalchemy.__version__"
    )
    session.run("python", "-m", "pytest", *(session.posargs or ["tests/test_snippets.py"]))
