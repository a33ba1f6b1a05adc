"""Where things are in the repository, and what mkdocs.yml says about the site: its
configuration as MkDocs itself loads it (plugins included), the languages the i18n plugin builds,
the pages in each language and the URL each is built at."""

from __future__ import annotations

import functools
import os
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
SNIPPETS = ROOT / "snippets"


@functools.cache
def mkdocs_config():
    """mkdocs.yml as MkDocs itself loads it (plugins included)."""
    from mkdocs.config import load_config

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    return load_config(str(ROOT / "mkdocs.yml"))


@functools.cache
def languages() -> tuple[str, ...]:
    """The built languages, default first, from the i18n plugin's configuration."""
    configured = mkdocs_config().plugins["i18n"].config.languages
    built = [lang for lang in configured if lang.build]
    return tuple(lang.locale for lang in sorted(built, key=lambda lang: not lang.default))


def default_language() -> str:
    return languages()[0]


def other_language(lang: str) -> str:
    return next(other for other in languages() if other != lang)


def page_pairs() -> dict[str, dict[str, Path]]:
    """{'object-states.md': {'ko': Path, 'en': Path}, ...} for Markdown pages and notebooks."""
    suffix = "|".join(languages())
    pairs: dict[str, dict[str, Path]] = {}
    for path in sorted(DOCS.rglob("*")):
        match = re.fullmatch(rf"(.+)\.({suffix})\.(md|ipynb)", path.name)
        if match and path.is_file():
            name = str(path.relative_to(DOCS).with_name(f"{match[1]}.{match[3]}"))
            pairs.setdefault(name, {})[match[2]] = path
    return pairs


def markdown_pages() -> list[Path]:
    return sorted(DOCS.rglob("*.md"))


def page_language(path: Path) -> str:
    return path.name.rsplit(".", 2)[-2]


def url_dir(name: str, lang: str) -> str:
    """Where a page is built, relative to the site root: 'en/engine/', '' for the default home."""
    slug = name.rsplit(".", 1)[0]
    slug = "" if slug == "index" else slug + "/"
    return ("" if lang == default_language() else f"{lang}/") + slug
