"""Where things are in the repository, and what mkdocs.yml says about the site: its
configuration as MkDocs itself loads it (plugins included), the languages the i18n plugin builds
and each one's strings, the pages in each language and the URL each is built at."""

from __future__ import annotations

import functools
import os
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
SNIPPETS = ROOT / "snippets"


@functools.cache
def mkdocs_config(path: Path = ROOT / "mkdocs.yml"):
    """A configuration (mkdocs.yml, or a test's mini-site) as MkDocs itself loads it (plugins included)."""
    from mkdocs.config import load_config

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    return load_config(str(path))


def language_entries(config=None) -> dict:
    """{locale: its entry in the i18n plugin's `languages`} for every built language, default first."""
    configured = (config or mkdocs_config()).plugins["i18n"].config.languages
    built = sorted((lang for lang in configured if lang.build), key=lambda lang: not lang.default)
    return {lang.locale: lang for lang in built}


@functools.cache
def languages() -> tuple[str, ...]:
    """The built languages, default first, from the i18n plugin's configuration."""
    return tuple(language_entries())


def default_language() -> str:
    return languages()[0]


def other_languages(lang: str) -> tuple[str, ...]:
    return tuple(other for other in languages() if other != lang)


# Every language-specific string of overrides/, docs/assets/javascripts/site.js and the advice
# check is data: `extra: strings:` in the language's entry of mkdocs.yml. mkdocs-static-i18n
# applies a language's `extra` with dict.update onto a copy it reuses for the next language, so a
# key one language sets leaks into the languages built after it; every language therefore sets
# the whole `strings` dict, which replaces the previous one, and string_problems checks that.
STRINGS_WHERE = "plugins > i18n > languages > {lang} > extra > strings"


def strings(lang: str, config=None) -> dict[str, str]:
    """The language's strings (mkdocs.yml); {} if it has none."""
    return dict((language_entries(config)[lang].extra or {}).get("strings") or {})


def string_problems(config=None) -> list[str]:
    """Every string some language has and another lacks, naming the language, the key and where to add it."""
    config = config or mkdocs_config()
    table = {lang: strings(lang, config) for lang in language_entries(config)}
    problems = []
    for key in sorted(set().union(*table.values())):
        having = [lang for lang, found in table.items() if key in found]
        for lang, found in table.items():
            if key not in found:
                problems.append(
                    f"{config.config_file_path}: language {lang!r} has no string {key!r} "
                    f"({STRINGS_WHERE.format(lang=lang)}); set for {', '.join(having)}"
                )
    return problems


def language_suffix(name: str) -> str | None:
    """The language of a file named NAME.LANG.md or NAME.LANG.ipynb (LANG a built language), or None."""
    match = re.fullmatch(rf".+\.({'|'.join(map(re.escape, languages()))})\.(md|ipynb)", name)
    return match[1] if match else None


def page_pairs() -> dict[str, dict[str, Path]]:
    """{'object-states.md': {'ko': Path, 'en': Path}, ...} for Markdown pages and notebooks."""
    suffix = "|".join(map(re.escape, languages()))
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


def hook_module(name: str):
    """A build hook of hooks/, loaded from its file as MkDocs loads it."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(name, ROOT / "hooks" / name)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
