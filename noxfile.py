"""The whole test suite on both SQLAlchemy lines: `nox`, which the README's test command runs.

- `tests`: everything (snippets, pages, the site, the browser) in the environment nox itself runs
  in, where requirements.txt pins the newest SQLAlchemy 2.1.
- `sqlalchemy20`: every snippet again, in a second environment made from requirements.txt with
  only SQLAlchemy replaced by the newest 2.0 (SQLALCHEMY_20 below). tests/test_snippets.py checks
  each snippet's 2.0 twin where it has one (NAME.sqla20.py), otherwise its own output with the
  text-only differences normalized (tests/helpers.py, "SQLAlchemy lines").

`nox -s sqlalchemy20 -- --update-examples` rewrites the twins' output from a real 2.0 run.
"""

import sys

import nox

SQLALCHEMY_20 = "2.0.58"

nox.options.sessions = ["tests", "sqlalchemy20"]
nox.options.default_venv_backend = "uv"  # uv is pinned in requirements.txt; it installs in seconds
nox.options.error_on_external_run = True


@nox.session(python=False)
def tests(session):
    session.run(sys.executable, "-m", "pytest", *session.posargs)


@nox.session(python=sys.executable)
def sqlalchemy20(session):
    session.install("-r", "requirements.txt")
    session.install(f"sqlalchemy[asyncio]=={SQLALCHEMY_20}")
    session.run("python", "-c", f"import sqlalchemy; assert sqlalchemy.__version__ == {SQLALCHEMY_20!r}, sqlalchemy.__version__")
    session.run("python", "-m", "pytest", "tests/test_snippets.py", *session.posargs)
