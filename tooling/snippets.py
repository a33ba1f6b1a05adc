"""The snippets: each is a complete program whose first line declares what it needs, and whose
printed output is written beside each `print` as `#>` lines.

The declaration, read by the tests, the copy-and-run check and the pages' "checked on" line:

    # needs: sqlite+pysqlite (runs in a browser)
    # needs: postgresql+psycopg, postgresql+asyncpg
    # needs: nothing

Each item is `dialect+driver` as SQLAlchemy writes it in a URL, for a database of the registry
(tooling/databases); `nothing` for a snippet that never connects. The run checks the declaration against the connections the snippet really
makes. "(runs in a browser)" says it runs under Pyodide as it is: SQLite through Python's sqlite3
only, nothing but SQLAlchemy and the standard library, and no threads, processes, asyncio or
sockets.
"""

from __future__ import annotations

import ast
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from tooling.databases import DATABASES

NEEDS = re.compile(r"# needs: (?P<items>[^()\n]+?)(?P<browser> \(runs in a browser\))?")
BROWSER_PACKAGES = {"sqlalchemy", "typing_extensions"}  # what the browser runner loads besides Python
NOT_IN_A_BROWSER = {
    "threading",
    "_thread",
    "multiprocessing",
    "concurrent",
    "subprocess",
    "asyncio",
    "socket",
    "selectors",
    "signal",
}
OUTPUT = re.compile(r"^[ \t]*#> ?([^\n]*)$|^[ \t]*'''\n(.*?)^[ \t]*'''$", re.MULTILINE | re.DOTALL)


class DeclarationError(ValueError):
    """A snippet's `# needs:` line is missing, unreadable or names what the registry lacks."""


@dataclass(frozen=True)
class Needs:
    backends: tuple[str, ...]  # ('postgresql+psycopg', ...) in the order declared
    browser: bool

    @property
    def databases(self) -> list[str]:
        return list(dict.fromkeys(backend.split("+")[0] for backend in self.backends))

    @property
    def servers(self) -> list[str]:
        """The databases whose server the tests must start for this snippet."""
        return [name for name in self.databases if DATABASES[name].server]


def parse_needs(source: str, where: str) -> Needs:
    """The declaration in a snippet's first line; DeclarationError naming `where` if it is wrong."""
    first = source.split("\n", 1)[0]
    match = NEEDS.fullmatch(first)
    if not match:
        raise DeclarationError(
            f"{where}:1: the first line must declare what the snippet needs, such as "
            f"`# needs: sqlite+pysqlite`; found {first!r}"
        )
    backends = tuple(item.strip() for item in match["items"].split(","))
    if backends == ("nothing",):
        return Needs((), bool(match["browser"]))
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
    return Needs(backends, bool(match["browser"]))


def needs(path: Path) -> Needs:
    return parse_needs(path.read_text(encoding="utf-8"), str(path))


def browser_problems(source: str, needs: Needs, where: str) -> list[str]:
    """Why a snippet declared to run in a browser cannot; [] if nothing in its code stops it."""
    problems = []
    if not set(needs.backends) <= {"sqlite+pysqlite"}:
        problems.append(
            f"{where}: runs in a browser, where only sqlite+pysqlite exists, but needs {', '.join(needs.backends)}"
        )
    imported = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            imported |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            imported.add(node.module.split(".")[0])
            if node.module == "sqlalchemy.ext" and any(alias.name == "asyncio" for alias in node.names):
                imported.add("asyncio")
        elif isinstance(node, ast.Attribute) and node.attr == "fork":
            imported.add("os.fork")
    if any(name.startswith("sqlalchemy.ext.asyncio") for name in _modules(source)):
        imported.add("asyncio")
    for name in sorted(imported):
        if name in NOT_IN_A_BROWSER or name == "os.fork":
            problems.append(f"{where}: runs in a browser, but uses {name}")
        elif name not in sys.stdlib_module_names and name not in BROWSER_PACKAGES:
            problems.append(f"{where}: runs in a browser, but imports {name}, which the browser runner does not load")
    return problems


def _modules(source: str) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
    return found


def printed(source: str) -> list[str]:
    """What the `#>` lines and `'''` output blocks say, one entry per line, without white space
    or trailing commas (pytest-examples pretty-prints long values over several lines)."""
    lines = []
    for one_line, block in OUTPUT.findall(source):
        lines += [one_line] if not block else block.splitlines()
    return [re.sub(r"\s+", "", line).rstrip(",") for line in lines if line.strip()]


def without_output(source: str) -> str:
    """A snippet's code without its printed output (`#>` lines and `'''` blocks) and without
    annotation markers (a twin carries none: its tab on the page has no notes)."""
    source = re.sub(r"^[ \t]*'''\n.*?^[ \t]*'''\n", "", source, flags=re.MULTILINE | re.DOTALL)
    source = re.sub(r"[ \t]*#\s*\(\d+\)!$", "", source, flags=re.MULTILINE)
    return re.sub(r"^[ \t]*#>.*\n", "", source, flags=re.MULTILINE)
