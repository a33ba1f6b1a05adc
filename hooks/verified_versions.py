"""The line under every page with code: what its outputs were checked on.

Each snippet declares the databases and drivers it needs in its first line (tooling/snippets.py).
For a page, this hook gathers the declarations of the snippets it includes and puts into
`page.meta["checked_on"]` the SQLAlchemy lines (pyproject.toml), and for each database the
version the tests start (tooling/databases) with the version of each driver, as pinned in
requirements/snippets.txt. overrides/main.html writes it in the page's language.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from tooling.databases import DATABASES
from tooling.lines import lines
from tooling.pages import INCLUDE
from tooling.repo import ROOT
from tooling.snippets import needs

PIN = re.compile(r"^([A-Za-z0-9_.-]+)(?:\[[^\]]*\])?==([^\s;]+)", re.MULTILINE)


def pins() -> dict[str, str]:
    text = (ROOT / "requirements" / "snippets.txt").read_text(encoding="utf-8")
    return {name.lower().replace("_", "-"): version for name, version in PIN.findall(text)}


def checked_on(snippets: Path, files: list[str], pinned: dict[str, str]) -> dict:
    backends = list(dict.fromkeys(backend for file in files for backend in needs(snippets / file).backends))
    databases = []
    for name, database in DATABASES.items():
        drivers = [backend.split("+")[1] for backend in backends if backend.split("+")[0] == name]
        if not drivers:
            continue
        version = database.version or (sqlite3.sqlite_version if name == "sqlite" else "")
        databases.append(
            {
                "title": f"{database.title} {version}".strip(),
                "drivers": [
                    f"{driver} {pinned[database.drivers[driver]]}" if database.drivers[driver] else driver
                    for driver in drivers
                ],
            }
        )
    return {"sqlalchemy": [one.version for one in lines()], "databases": databases}


def on_config(config):
    config.extra["sqlalchemy_lines"] = [one.version for one in lines()]  # the notebooks' line
    config.extra["_pins"] = pins()
    # The folder pages include from, as pymdownx.snippets resolves it (a test's mini-site has its own).
    base = config.mdx_configs["pymdownx.snippets"]["base_path"][0]
    config.extra["_snippets"] = str(Path(config.config_file_path).parent / base)
    return config


def on_page_markdown(markdown, page, config, files):
    included = [match[1] for match in INCLUDE.finditer(markdown)]
    if included:
        page.meta["checked_on"] = checked_on(Path(config.extra["_snippets"]), included, config.extra["_pins"])
    return markdown
