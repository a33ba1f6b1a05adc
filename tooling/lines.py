"""The SQLAlchemy lines every snippet is checked on: the table in pyproject.toml
([[tool.sessionbook.sqlalchemy-lines]]), the one requirements pin first. noxfile.py runs the
snippets on each other line (session `snippets-<line>`), hooks/verified_versions.py names every
line's version on the pages, and tests/test_tooling.py checks the table against the pins
(table_problems).

A snippet whose output differs on another line has a twin beside it, NAME.sqla20.py for 2.0: the
same program with that line's output. The run on that line checks the twin; a snippet without a
twin is checked against its own output, with the line's text-only differences rewritten first.
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from tooling.repo import ROOT


@dataclass(frozen=True)
class Line:
    line: str  # '2.0'
    version: str  # '2.0.58', the newest release of the line, installed exactly
    text_only: tuple[tuple[re.Pattern, str], ...] = ()

    @property
    def twin_suffix(self) -> str:
        return ".sqla" + self.line.replace(".", "") + ".py"

    def normalize(self, text: str) -> str:
        """Output as the first line prints it, where this line differs from it in text only."""
        for pattern, replacement in self.text_only:
            text = pattern.sub(replacement, text)
        return text


# The files that pin SQLAlchemy: each must pin the first line's version.
PINNED_IN = ("requirements.txt", "requirements/snippets.in", "requirements/snippets.txt")
PIN = re.compile(r"^sqlalchemy(?:\[[^\]]*\])?==([^\s;#]+)", re.IGNORECASE | re.MULTILINE)


@functools.cache
def lines() -> tuple[Line, ...]:
    table = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["sessionbook"][
        "sqlalchemy-lines"
    ]
    return tuple(
        Line(row["line"], row["version"], tuple((re.compile(p), r) for p, r in row.get("text-only", [])))
        for row in table
    )


def line(name: str) -> Line:
    found = [one for one in lines() if one.line == name]
    if not found:
        raise LookupError(
            f"SQLAlchemy {name} is not a line of the table in pyproject.toml ({', '.join(one.line for one in lines())})"
        )
    return found[0]


def installed() -> Line:
    """The line of the SQLAlchemy installed in this environment."""
    from sqlalchemy import __version__

    return line(".".join(__version__.split(".")[:2]))


def missing_bytecode() -> str | None:
    """Why the installed SQLAlchemy has no bytecode, or None. uv writes none unless asked
    (--compile-bytecode), and where PYTHONDONTWRITEBYTECODE is set every process the tests start
    would compile SQLAlchemy again (README)."""
    import importlib.util

    import sqlalchemy.orm.session

    cached = Path(importlib.util.cache_from_source(sqlalchemy.orm.session.__file__))
    return None if cached.is_file() else f"no bytecode for SQLAlchemy ({cached}): install with --compile-bytecode"


def is_twin(path: Path) -> bool:
    return any(path.name.endswith(one.twin_suffix) for one in lines()[1:])


def twin(path: Path, of: Line) -> Path:
    """The twin of a program on a line (the program itself on the first line)."""
    return path if of == lines()[0] else path.with_name(path.name.removesuffix(".py") + of.twin_suffix)


def twins(path: Path) -> list[Path]:
    """The twins a program has, on every line but the first."""
    return [twin(path, one) for one in lines()[1:] if twin(path, one).exists()]


def program(path: Path) -> Path:
    """The program a twin belongs to (a program is its own)."""
    for one in lines()[1:]:
        if path.name.endswith(one.twin_suffix):
            return path.with_name(path.name.removesuffix(one.twin_suffix) + ".py")
    return path


def table_problems(table: tuple[Line, ...], requirements: dict[str, str]) -> list[str]:
    """Where the table disagrees with itself or with the requirements ({'requirements.txt': its
    text, ...}): every version must be of its line (2.0.58 of 2.0), and every file must pin
    SQLAlchemy once, at the first line's version."""
    problems = [
        f"pyproject.toml: the SQLAlchemy line {row.line} has version {row.version}, which is not of that line"
        for row in table
        if row.version.split(".")[:2] != row.line.split(".")
    ]
    for name, text in requirements.items():
        pins = PIN.findall(text)
        if pins != [table[0].version]:
            problems.append(
                f"{name} pins SQLAlchemy {' and '.join(pins) or 'nowhere'}, but the first line of the table in "
                f"pyproject.toml is {table[0].line} at {table[0].version}: pin that, or change the table"
            )
    return problems
