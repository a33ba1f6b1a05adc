"""The snippets: each is a complete program whose first line declares what it needs, and whose
printed output is written beside each `print` as `#>` lines.

The declaration, read by the tests, the copy-and-run check and the pages' "checked on" line:

    # needs: sqlite+pysqlite (runs in a browser)
    # needs: postgresql+psycopg, postgresql+asyncpg
    # needs: nothing

Each item is `dialect+driver` as SQLAlchemy writes it in a URL, for a database and driver of the
registry (tooling/databases), or a pooler of the registry beside the driver it is reached with
(`# needs: postgresql+psycopg, pgbouncer`); `nothing` for a snippet that never connects. The run checks the
declaration against the connections the snippet really makes (tests/test_snippets.py): exactly
the declared backends, no more, no fewer. "(runs in a browser)" says it runs under Pyodide as it
is: SQLite through Python's sqlite3 only, nothing but SQLAlchemy and the standard library, and
no threads, processes, asyncio, sockets or signals (browser_problems).
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from tooling.databases import DATABASES, POOLERS
from tooling.repo import ROOT, SNIPPETS

NEEDS = re.compile(r"# needs: (?P<items>[^()\n]+?)(?P<browser> \(runs in a browser\))?")
# What a snippet that runs in a browser (under Pyodide) may use: browser_problems checks it.
BROWSER_BACKENDS = {"sqlite+pysqlite"}  # Python's sqlite3; no server, no other driver
BROWSER_PACKAGES = {"sqlalchemy", "typing_extensions"}  # what the browser runner loads besides Python
# Modules and functions Pyodide lacks or cannot run: threads, processes, an event loop, sockets and
# signals. A name here also covers everything under it (asyncio covers asyncio.run).
NOT_IN_A_BROWSER = {
    "threading",
    "_thread",
    "multiprocessing",
    "concurrent",
    "subprocess",
    "asyncio",
    "sqlalchemy.ext.asyncio",
    "socket",
    "selectors",
    "signal",
    "os.fork",
    "os.forkpty",
    "os.register_at_fork",
}
OUTPUT = re.compile(r"^[ \t]*#> ?([^\n]*)$|^[ \t]*'''\n(.*?)^[ \t]*'''$", re.MULTILINE | re.DOTALL)


class DeclarationError(ValueError):
    """A snippet's `# needs:` line is missing, unreadable or names what the registry lacks."""


@dataclass(frozen=True)
class Needs:
    backends: tuple[str, ...]  # ('postgresql+psycopg', ...) in the order declared
    browser: bool
    poolers: tuple[str, ...] = ()  # ('pgbouncer',): poolers in front of a declared database

    @property
    def databases(self) -> list[str]:
        return list(dict.fromkeys(backend.split("+")[0] for backend in self.backends))

    @property
    def servers(self) -> list[str]:
        """The servers the tests must start for this snippet: its databases', then its poolers
        (each after the database it stands in front of)."""
        return [name for name in self.databases if DATABASES[name].server] + list(self.poolers)


def parse_needs(source: str, where: str) -> Needs:
    """The declaration in a snippet's first line; DeclarationError naming `where` if it is wrong."""
    first = source.split("\n", 1)[0]
    match = NEEDS.fullmatch(first)
    if not match:
        raise DeclarationError(
            f"{where}:1: the first line must declare what the snippet needs, such as "
            f"`# needs: sqlite+pysqlite`; found {first!r}"
        )
    items = tuple(item.strip() for item in match["items"].split(","))
    if items == ("nothing",):
        return Needs((), bool(match["browser"]))
    poolers = tuple(item for item in items if item in POOLERS)
    backends = tuple(item for item in items if item not in POOLERS)
    for backend in backends:
        database, _, driver = backend.partition("+")
        if database not in DATABASES:
            raise DeclarationError(
                f"{where}:1: needs {backend}, but the registry (tooling/databases) has no database "
                f"{database!r}; it knows {', '.join(DATABASES)}"
            )
        if driver not in DATABASES[database].drivers:
            raise DeclarationError(
                f"{where}:1: needs {backend}, but the registry has no driver {driver!r} for {database}; "
                f"it knows {', '.join(DATABASES[database].drivers)}"
            )
    for pooler in poolers:
        if not any(backend.startswith(POOLERS[pooler].database + "+") for backend in backends):
            raise DeclarationError(
                f"{where}:1: needs {pooler}, which stands in front of {POOLERS[pooler].database}: "
                f"declare the {POOLERS[pooler].database} driver the snippet connects with too"
            )
    return Needs(backends, bool(match["browser"]), poolers)


def needs(path: Path) -> Needs:
    return parse_needs(path.read_text(encoding="utf-8"), str(path))


def snippet_id(path: Path, folder: Path = SNIPPETS) -> str:
    """How tests/test_snippets.py names a snippet in its test ids and messages: its path from the
    repository root (snippets/engine/pool.py), or from the folder the run checks when that folder
    lies outside the repository (a harness test's)."""
    return str(path.relative_to(ROOT if path.is_relative_to(ROOT) else folder))


def browser_problems(source: str, needs: Needs, where: str) -> list[str]:
    """Why a snippet declared to run in a browser cannot; [] if nothing in its code stops it.

    One pass over its syntax tree collects the modules it imports (`import a.b` gives a.b,
    `from a.b import c` gives a.b.c) and the attributes it reads from them (`os.fork`). It cannot
    run in a browser if it needs a backend other than sqlite+pysqlite, if any of those names is
    or lies under one in NOT_IN_A_BROWSER, or if it imports a module that is neither Python's own
    nor in BROWSER_PACKAGES. Relative imports are left alone: a snippet is one file.
    """
    problems = []
    if not set(needs.backends) <= BROWSER_BACKENDS:
        problems.append(
            f"{where}: runs in a browser, where only {', '.join(sorted(BROWSER_BACKENDS))} exists, "
            f"but needs {', '.join(needs.backends)}"
        )
    imported, read = set(), set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            imported |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            imported |= {f"{node.module}.{alias.name}" for alias in node.names}
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            read.add(f"{node.value.id}.{node.attr}")
    packages = {name.split(".")[0] for name in imported}
    read = {name for name in read if name.split(".")[0] in packages}  # os.fork, not a variable's .fork
    used = {prefix for name in imported | read for prefix in _prefixes(name)}
    problems += [f"{where}: runs in a browser, but uses {name}" for name in sorted(used & NOT_IN_A_BROWSER)]
    problems += [
        f"{where}: runs in a browser, but imports {package}, which the browser runner does not load"
        for package in sorted(packages - set(sys.stdlib_module_names) - BROWSER_PACKAGES)
    ]
    return problems


def _prefixes(name: str) -> list[str]:
    """'a.b.c' -> ['a', 'a.b', 'a.b.c']"""
    parts = name.split(".")
    return [".".join(parts[: i + 1]) for i in range(len(parts))]


def printed(source: str) -> list[str]:
    """What the `#>` lines and `'''` output blocks say, one entry per line, without white space
    or trailing commas (pytest-examples pretty-prints long values over several lines)."""
    lines = []
    for one_line, block in OUTPUT.findall(source):
        lines += [one_line] if not block else block.splitlines()
    return [re.sub(r"\s+", "", line).rstrip(",") for line in lines if line.strip()]


def run_as_a_reader(source: str, folder: Path, timeout: float = 300) -> subprocess.CompletedProcess:
    """`python snippet.py` in a new process, in `folder`, with this process's environment (the
    database URLs the tests set): how a reader runs a copied snippet."""
    program = folder / "snippet.py"
    program.write_text(source, encoding="utf-8")
    return subprocess.run(
        [sys.executable, str(program)], cwd=folder, capture_output=True, text=True, timeout=timeout, check=False
    )


def missing_output(source: str, stdout: str) -> str | None:
    """The first `#>` line (as `printed` gives it) that `stdout` does not print in its place, in
    order and ignoring white space; None if it prints them all."""
    out, position = re.sub(r"\s+", "", stdout), 0
    for line in printed(source):
        found = out.find(line, position)
        if found < 0:
            return line
        position = found + len(line)
    return None


def without_output(source: str) -> str:
    """A snippet's code without its printed output (`#>` lines and `'''` blocks) and without
    annotation markers (a twin carries none: its tab on the page has no notes)."""
    source = re.sub(r"^[ \t]*'''\n.*?^[ \t]*'''\n", "", source, flags=re.MULTILINE | re.DOTALL)
    return re.sub(r"^[ \t]*#>.*\n", "", without_annotations(source), flags=re.MULTILINE)


def without_annotations(source: str) -> str:
    """A snippet without its annotation markers (`# (1)!` at the end of a line)."""
    return re.sub(r"[ \t]*#\s*\(\d+\)!$", "", source, flags=re.MULTILINE)


MARKER = re.compile(r"#\s*\(\d+\)!?\s*$", re.MULTILINE)
LOOKS_LIKE_A_MARKER = re.compile(r"\(\d+\)")


def marker_problems(source: str, where: str) -> list[str]:
    """Material turns every `(N)` inside a comment of an annotated block into an annotation
    marker, `#>` output lines included: a printed `timeout(2)` becomes a stray marker on the page
    (and widens it on a phone). An annotated snippet must not print `(N)`."""
    if not MARKER.search(source):
        return []
    return [
        f"{where}:{number}: output line {line.strip()!r} contains (N), which Material reads as an annotation marker"
        for number, line in enumerate(source.split("\n"), 1)
        if line.lstrip().startswith("#>") and LOOKS_LIKE_A_MARKER.search(line)
    ]
