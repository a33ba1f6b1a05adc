"""The HTML a reader gets from the strict build (the `site` fixture in conftest.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from tooling.mermaid import diagram_count
from tooling.repo import languages, other_language, page_pairs, url_dir

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
    other = other_language(lang)
    links = dict(re.findall(r'<a href="([^"]*)" hreflang="([a-z]{2})" class="md-select__link"', page)[::-1])
    by_lang = {v: k for k, v in links.items()}
    assert other in by_lang, f"{url_dir(name, lang)}: no language switcher link to {other}"
    href = by_lang[other]
    target = (site / href.lstrip("/") if href.startswith("/") else site / url_dir(name, lang) / href).resolve()
    expected = (site / url_dir(name, other)).resolve()
    assert target == expected, (
        f"{url_dir(name, lang)}: switcher goes to {target.relative_to(site)}, expected {url_dir(name, other)}"
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


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", sorted(PAIRS))
def test_page_with_code_names_the_versions_it_was_checked_on(site, name, lang):
    page = html(site, name, lang)
    if 'class="highlight"' not in page:
        return
    line = re.search(r'<p class="md-verified">([^<]*)</p>', page)
    assert line, f"{url_dir(name, lang)}: no line naming the verified versions (hooks/verified_versions.py)"
    assert "SQLAlchemy 2.1." in line[1], f"{url_dir(name, lang)}: {line[1]}"
    if name.endswith(".md"):
        assert "2.0." in line[1], f"{url_dir(name, lang)}: {line[1]}"
