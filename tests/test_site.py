"""The HTML a reader gets from the strict build (the `site` fixture in conftest.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tooling.databases import DATABASES
from tooling.lines import lines
from tooling.mermaid import diagram_count
from tooling.pages import INCLUDE
from tooling.repo import (
    DOCS,
    ROOT,
    SNIPPETS,
    hook_module,
    languages,
    mkdocs_config,
    other_languages,
    page_pairs,
    string_problems,
    strings,
    url_dir,
)
from tooling.snippets import needs

PAIRS = page_pairs()
LANGUAGES = languages()
EXTERNAL_ASSET = re.compile(
    r"<(?:script|img|iframe|source)\b[^>]*\bsrc=\"(?:https?:)?//|<link\b(?=[^>]*\brel=\"(?:stylesheet|icon|preload|modulepreload|manifest)\")[^>]*\bhref=\"(?:https?:)?//"
    r"|@import\s+url\(\s*[\"']?(?:https?:)?//"
)


def html(site: Path, name: str, lang: str) -> str:
    path = site / url_dir(name, lang) / "index.html"
    assert path.is_file(), f"{name} ({lang}) was not built as {path.relative_to(site)}"
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", sorted(PAIRS))
def test_page_is_built_in_its_language(site, name, lang):
    page = html(site, name, lang)
    assert f'<html lang="{lang}"' in page, f"{url_dir(name, lang)} is not marked lang={lang}"


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", sorted(PAIRS))
def test_language_switcher_lands_on_the_same_page(site, name, lang):
    page = html(site, name, lang)
    by_lang = {
        hreflang: href
        for href, hreflang in re.findall(r'<a href="([^"]*)" hreflang="([^"]+)" class="md-select__link"', page)
    }
    for other in other_languages(lang):
        assert other in by_lang, f"{url_dir(name, lang)}: no language switcher link to {other}"
        href = by_lang[other]
        target = (site / href.lstrip("/") if href.startswith("/") else site / url_dir(name, lang) / href).resolve()
        expected = (site / url_dir(name, other)).resolve()
        assert target == expected, (
            f"{url_dir(name, lang)}: switcher to {other} goes to {target.relative_to(site)}, expected {url_dir(name, other)}"
        )


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", sorted(PAIRS))
def test_page_loads_nothing_from_other_hosts(site, name, lang):
    found = EXTERNAL_ASSET.findall(html(site, name, lang))
    assert not found, f"{url_dir(name, lang)} loads third-party assets: {found}"


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", sorted(PAIRS))
def test_diagrams_are_drawn_before_the_reader_arrives(site, name, lang):
    """No page loads the Mermaid runtime; every diagram of the source is an inline SVG."""
    page = html(site, name, lang)
    assert "mermaid.min.js" not in page, f"{url_dir(name, lang)} loads the Mermaid runtime"
    assert 'class="mermaid"' not in page, f"{url_dir(name, lang)} has a diagram left for Mermaid to draw"
    expected = diagram_count(PAIRS[name][lang])
    drawn = len(re.findall(r'<div class="diagram"><svg\b', page))
    assert drawn == expected, f"{url_dir(name, lang)}: {drawn} inline drawings for {expected} diagrams in the source"


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", sorted(n for n in PAIRS if n.endswith(".ipynb")))
def test_notebook_is_a_rendered_page_with_outputs_and_download(site, name, lang):
    page = html(site, name, lang)
    assert "jp-Notebook" in page, f"{url_dir(name, lang)}: notebook was not rendered (mkdocs-static-i18n issue 198?)"
    assert "jp-OutputArea-output" in page, f"{url_dir(name, lang)}: no executed outputs on the page"
    download = re.search(r'<a href="([^"]+\.ipynb)"[^>]*download', page)
    assert download, f"{url_dir(name, lang)}: no download link for the notebook"
    assert (site / url_dir(name, lang) / download[1]).is_file(), (
        f"{url_dir(name, lang)}: download link {download[1]} is broken"
    )
    assert "jp-OutputArea-error" not in page and "Traceback" not in page, f"{url_dir(name, lang)}: a cell raised"


def checked_on_problems(line: str | None, backends: list[str] | None) -> list[str]:
    """What a page's "checked on" line gets wrong, for a page whose snippets declare these backends
    (`dialect+driver`; None: the page includes no snippet, so it has no line): it names every
    SQLAlchemy line, and each declared database with its version and drivers, and no other database."""
    if backends is None:
        return [f"a line for a page that includes no snippet: {line}"] if line else []
    if not line:
        return ["no line naming what the outputs were checked on (hooks/verified_versions.py, overrides/main.html)"]
    problems = [f"does not name SQLAlchemy {one.version}" for one in lines() if one.version not in line]
    for name, database in DATABASES.items():
        drivers = [backend.split("+")[1] for backend in backends if backend.split("+")[0] == name]
        title = f"{database.title} {database.version}" if database.version else database.title
        if drivers and title not in line:
            problems.append(f"its snippets need {name}, but it does not name {title}")
        if not drivers and database.title in line:
            problems.append(f"names {database.title}, which none of its snippets needs")
        problems += [
            f"its snippets need {name}+{driver}, but it does not name {driver}"
            for driver in drivers
            if not re.search(rf"(?<![\w-]){re.escape(driver)}(?![\w-])", line)
        ]
    if re.search(r"\{\w+\}", line):
        problems.append("a placeholder was left unfilled")
    return problems


def declared_backends(name: str, lang: str) -> list[str] | None:
    """The backends the snippets a page includes declare (None if it includes none)."""
    files = {match[1] for match in INCLUDE.finditer(PAIRS[name][lang].read_text(encoding="utf-8"))}
    return sorted({backend for file in files for backend in needs(SNIPPETS / file).backends}) if files else None


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", sorted(PAIRS))
def test_page_with_code_names_the_versions_it_was_checked_on(site, name, lang):
    found = re.search(r'<p class="md-verified">([^<]*)</p>', html(site, name, lang))
    line = found[1] if found else None
    if name.endswith(".ipynb"):
        problems = (
            []
            if line and f"SQLAlchemy {lines()[0].version}" in line
            else [f"no line naming SQLAlchemy {lines()[0].version}: {line}"]
        )
    else:
        problems = checked_on_problems(line, declared_backends(name, lang))
    assert not problems, f"{url_dir(name, lang)}: " + "; ".join(problems) + f"\n  line: {line}"


SQLALCHEMY = " and ".join(one.version for one in lines())
SQLITE, POSTGRESQL = (f"{DATABASES[name].title} {DATABASES[name].version}" for name in ("sqlite", "postgresql"))


@pytest.mark.parametrize(
    "line, backends, expected",
    [
        (
            f"checked on SQLAlchemy {SQLALCHEMY} with {SQLITE} (pysqlite).",
            ["postgresql+psycopg"],
            f"does not name {POSTGRESQL}",
        ),
        (
            f"checked on SQLAlchemy {SQLALCHEMY} with {POSTGRESQL} (psycopg 3.3.9).",
            ["postgresql+psycopg", "postgresql+asyncpg"],
            "does not name asyncpg",
        ),
        (
            f"checked on SQLAlchemy {SQLALCHEMY} with {POSTGRESQL} (psycopg2 2.9.1).",
            ["postgresql+psycopg"],
            "does not name psycopg",
        ),
        (
            f"checked on SQLAlchemy {SQLALCHEMY} with {SQLITE} (pysqlite) and {POSTGRESQL} (psycopg 3.3.9).",
            ["sqlite+pysqlite"],
            "names PostgreSQL",
        ),
        (
            f"checked on SQLAlchemy {lines()[0].version} with {SQLITE} (pysqlite).",
            ["sqlite+pysqlite"],
            f"does not name SQLAlchemy {lines()[-1].version}",
        ),
        (f"checked on SQLAlchemy {SQLALCHEMY} with {{databases}}.", [], "placeholder"),
        (None, ["sqlite+pysqlite"], "no line"),
        ("checked on SQLAlchemy", None, "a line for a page that includes no snippet"),
    ],
)
def test_the_checked_on_check_finds_a_wrong_line(line, backends, expected):
    problems = checked_on_problems(line, backends)
    assert any(expected in problem for problem in problems), problems


def test_the_checked_on_check_passes_a_right_line():
    line = f"on SQLAlchemy {SQLALCHEMY} with {SQLITE} (pysqlite) and {POSTGRESQL} (psycopg 3.3.9, asyncpg 0.32.0)."
    assert checked_on_problems(line, ["sqlite+pysqlite", "postgresql+psycopg", "postgresql+asyncpg"]) == []
    assert checked_on_problems(f"on SQLAlchemy {SQLALCHEMY}.", []) == []


def used_strings() -> set[str]:
    """The keys of `strings.KEY` in overrides/ and site.js."""
    return {
        key
        for path in [*(ROOT / "overrides").rglob("*.html"), ROOT / "docs/assets/javascripts/site.js"]
        for key in re.findall(r"\bstrings\.(\w+)", path.read_text(encoding="utf-8"))
    }


def test_every_language_has_every_string():
    """Each language-specific string of overrides/, site.js and the advice check is set for every
    language (mkdocs.yml, `extra: strings:` in each i18n language entry), and every string the
    templates use exists. (tests/test_harness.py proves string_problems fails for a third language.)"""
    problems = string_problems() + [
        f"overrides/ or site.js uses strings.{key}, which mkdocs.yml does not set for {LANGUAGES[0]}"
        for key in sorted(used_strings() - set(strings(LANGUAGES[0])))
    ]
    assert not problems, "\n".join(problems)


def test_the_string_check_sees_what_the_templates_use():
    assert {"checked_on", "checked_on_with", "download", "notebook", "annotation"} <= used_strings()


def test_own_assets_reach_the_reader_without_comments(site):
    """hooks/minify_own_assets.py: the comments of extra.css and site.js stay in the repository."""
    config = mkdocs_config()
    for path in [*config.extra_css, *map(str, config.extra_javascript)]:
        source, built = (DOCS / path).read_text(encoding="utf-8"), (site / path).read_text(encoding="utf-8")
        assert re.search(r"/\*|^\s*//", source, re.MULTILINE), f"docs/{path} has no comment: this check could not fail"
        assert not re.search(r"/\*|^\s*//", built, re.MULTILINE), f"{path} reaches the reader with its comments"


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", sorted(PAIRS))
def test_code_blocks_carry_no_unstyled_token_spans(site, name, lang):
    """hooks/lean_code.py unwraps the spans that change nothing a reader sees."""
    found = re.findall(r'<span class="(?:n|w)">[^<]*</span>', html(site, name, lang))
    found += re.findall(r'<span class="(p|o)">[^<]*</span><span class="\1">', html(site, name, lang))
    assert not found, f"{url_dir(name, lang)}: hooks/lean_code.py left {len(found)} spans, e.g. {found[:3]}"


def test_lean_code_keeps_the_text_and_the_styled_tokens():
    lean = hook_module("lean_code.py").lean

    block = (
        '<div class="language-python highlight"><pre><span></span><code><span class="n">engine</span>'
        '<span class="w"> </span><span class="o">=</span><span class="w"> </span><span class="n">create_engine</span>'
        '<span class="p">(</span><span class="p">)</span><span class="w">  </span><span class="c1"># (1)!</span>'
        "</code></pre></div>"
    )
    assert lean(block) == (
        '<div class="language-python highlight"><pre><span></span><code>engine <span class="o">=</span> create_engine'
        '<span class="p">()</span>  <span class="c1"># (1)!</span></code></pre></div>'
    )
    assert lean(lean(block)) == lean(block)
    outside = '<p><span class="n">not code</span></p>'
    assert lean(outside) == outside
