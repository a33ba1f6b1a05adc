"""The line under every page with code: what its outputs were checked on.

Each snippet declares the databases and drivers it needs in its first line (tooling/snippets.py).
For a page, this hook gathers the declarations of the snippets it includes and puts into
`page.meta["checked_on"]` the SQLAlchemy lines (pyproject.toml), and for each database the
version the registry names (tooling/databases) with the version of each driver, as pinned in
requirements/snippets.txt:

    {"sqlalchemy": ["2.1.9", "2.0.58"],
     "databases": [{"title": "PostgreSQL 16", "drivers": ["psycopg 3.3.9", "asyncpg 0.31.0"]}]}

A pooler a snippet declares (PgBouncer) follows the databases, with its version and no drivers.
A page whose snippets all declare `nothing` gets no database. A snippet without a valid
declaration fails the build, naming the file. `config.extra["sqlalchemy_lines"]` holds the
lines' versions for the notebooks, which include no snippet. overrides/main.html writes the line
in the page's language.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from mkdocs.exceptions import PluginError

from tooling.databases import DATABASES, POOLERS
from tooling.lines import lines
from tooling.pages import INCLUDE
from tooling.repo import ROOT
from tooling.snippets import DeclarationError, needs

PIN = re.compile(r"^([A-Za-z0-9_.-]+)(?:\[[^\]]*\])?==([^\s;]+)", re.MULTILINE)
snippets_folder: Path | None = None  # where the pages include from; set by on_config for each build


@functools.cache
def pins() -> dict[str, str]:
    """{distribution: version} as requirements/snippets.txt pins them (names normalized)."""
    text = (ROOT / "requirements" / "snippets.txt").read_text(encoding="utf-8")
    return {name.lower().replace("_", "-"): version for name, version in PIN.findall(text)}


def checked_on(snippets: Path, files: list[str], pinned: dict[str, str]) -> dict:
    """What a page including these files (relative to the snippets folder) was checked on; a
    DeclarationError naming the file if one of them declares nothing readable."""
    backends = list(dict.fromkeys(backend for file in files for backend in needs(snippets / file).backends))
    databases = []
    for name, database in DATABASES.items():
        drivers = [backend.split("+")[1] for backend in backends if backend.split("+")[0] == name]
        if drivers:
            databases.append(
                {
                    "title": f"{database.title} {database.version or ''}".strip(),
                    "drivers": [
                        f"{driver} {pinned[database.drivers[driver].lower().replace('_', '-')]}"
                        if database.drivers[driver]
                        else driver
                        for driver in drivers
                    ],
                }
            )
    declared = [needs(snippets / file) for file in files]
    for name, pooler in POOLERS.items():  # a pooler is named after the databases, without drivers
        if any(name in one.poolers for one in declared):
            databases.append({"title": f"{pooler.title} {pooler.version}", "drivers": []})
    return {"sqlalchemy": [one.version for one in lines()], "databases": databases}


def on_config(config):
    global snippets_folder
    config.extra["sqlalchemy_lines"] = [one.version for one in lines()]
    # The folder pages include from, as pymdownx.snippets resolves it (a test's mini-site has its own).
    base = config.mdx_configs["pymdownx.snippets"]["base_path"][0]
    snippets_folder = Path(config.config_file_path).parent / base
    return config


def on_page_markdown(markdown, page, config, files):
    included = [match[1] for match in INCLUDE.finditer(markdown)]
    if included:
        try:
            page.meta["checked_on"] = checked_on(snippets_folder, included, pins())
        except DeclarationError as exc:
            raise PluginError(f"{page.file.src_uri} includes a snippet without a valid declaration: {exc}") from exc
    return markdown
