"""Page weight: the gzipped bytes a page loads from our server, by kind, and the blank
one-page site every page is measured against (tests/browser/test_budgets.py, scripts/benchmark.py)."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path
from urllib.parse import urlsplit

from tooling.repo import ROOT

SEARCH_INDEX = re.compile(r"search/search_index(\.\w+)?\.json$")  # one per language (hooks/search_per_language.py)
OWN_ASSETS = ("assets/stylesheets/extra.css", "assets/javascripts/site.js")


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def floor_config(folder: Path, site: Path) -> Path:
    """A blank one-page site that INHERITs the real theme settings (palette, features, language,
    no web fonts) and searches the languages the built `site` searches (its search worker loads
    their lunr scripts; the i18n plugin chooses them at build time), but has none of the site's
    own templates, CSS, JavaScript, hooks, Markdown extensions or other plugins: the floor every
    page of `site` is measured against."""
    index = min((site / "search").glob("search_index*.json"), default=None)
    if index is None:
        raise FileNotFoundError(f"{site}/search/ has no search index: build the site before its floor")
    lang = json.loads(index.read_text(encoding="utf-8"))["config"]["lang"]
    (folder / "docs").mkdir(parents=True, exist_ok=True)
    (folder / "docs" / "index.md").write_text("# Blank\n", encoding="utf-8")
    (folder / "no-overrides").mkdir(exist_ok=True)
    config = folder / "mkdocs.yml"
    config.write_text(
        f"INHERIT: {ROOT / 'mkdocs.yml'}\nsite_name: floor\nnav: [index.md]\ntheme:\n  custom_dir: no-overrides\n"
        "hooks: []\nwatch: []\nextra_css: []\nextra_javascript: []\nmarkdown_extensions: []\n"
        f"plugins:\n  - search:\n      lang: {json.dumps(lang)}\n",
        encoding="utf-8",
    )
    return config


def transfer(site: Path, base: str, urls: list[str]) -> dict[str, int]:
    """Gzipped bytes of everything a page loaded from our server, by kind. The server's port does
    not count: a visit recorded by the other test worker went to that worker's server."""
    sizes = {"html": 0, "theme": 0, "own": 0, "search index": 0}
    seen = set()
    for url in urls:
        path = urlsplit(url).path.lstrip("/")
        if urlsplit(url).hostname != urlsplit(base).hostname or path in seen:
            continue
        seen.add(path)
        file = site / path
        if file.is_dir() or path == "" or path.endswith("/"):
            file = file / "index.html"
        if not file.is_file():
            continue
        if file.name == "index.html":
            kind = "html"
        elif SEARCH_INDEX.search(path):
            kind = "search index"
        elif path.endswith(OWN_ASSETS):
            kind = "own"
        else:
            kind = "theme"
        sizes[kind] += gz(file.read_bytes())
    return sizes


def page_total(sizes: dict[str, int]) -> int:
    """What a page costs on its own: everything but its language's search index, cached after the first page."""
    return sum(v for k, v in sizes.items() if k != "search index")


def own_content(html: str) -> int:
    """Gzipped bytes of what the page itself says: the article, the two sidebars (the site's
    navigation and the page's table of contents), its language links and its previous/next
    footer; what a one-page blank site has none of."""
    parts = re.findall(
        r'<article class="md-content__inner.*?</article>|<div class="md-sidebar md-sidebar--(?:primary|secondary)".*?</nav>\s*</div>\s*</div>\s*</div>'
        r'|<div class="md-select__inner">.*?</div>|<nav class="md-footer__inner.*?</nav>',
        html,
        re.DOTALL,
    )
    return gz("".join(parts).encode("utf-8"))
