"""Every page in every language, on a desktop and on a phone: it loads cleanly, asks nothing of
another host, draws its diagrams, keeps Korean words whole, and switches language in place."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

import pytest

from tooling.browser import Server
from tooling.mermaid import diagram_count
from tooling.pages import ANCHOR, build, mini_site, strip_fences
from tooling.repo import languages, other_languages, page_pairs, url_dir

PAIRS = page_pairs()
EVERY_PAGE = pytest.mark.parametrize("name, lang", [(n, lang) for n in sorted(PAIRS) for lang in languages()])
NOTEBOOKS = [(n, lang) for n in sorted(PAIRS) if n.endswith(".ipynb") for lang in languages()]
DIAGRAM_PAGES = [
    (n, lang) for n in sorted(PAIRS) for lang in languages() if n.endswith(".md") and diagram_count(PAIRS[n][lang])
]


@EVERY_PAGE
def test_page_loads_cleanly(desktop, phone, name, lang):
    for visit in (desktop, phone):
        assert visit.facts["lang"] == lang, f"{visit.url}: <html lang={visit.facts['lang']}>"
        assert not visit.problems, f"{visit.url}: console errors and failed requests: {visit.problems}"


@EVERY_PAGE
def test_no_request_leaves_localhost(desktop, phone, name, lang):
    for visit in (desktop, phone):
        assert not visit.external, f"{visit.url}: requests to other hosts: {visit.external}"
        assert not visit.fonts, f"{visit.url}: web fonts downloaded: {visit.fonts}"


@pytest.mark.parametrize("name, lang", DIAGRAM_PAGES)
def test_diagrams_show_as_drawings(desktop, phone, name, lang):
    expected = diagram_count(PAIRS[name][lang])
    for visit in (desktop, phone):
        assert visit.facts["diagrams"] == expected, (
            f"{visit.url}: {visit.facts['diagrams']} drawing(s), {expected} in the source"
        )
        assert visit.facts["diagrams_visible"] == expected, (
            f"{visit.url}: only {visit.facts['diagrams_visible']} of {expected} drawings visible"
        )


@EVERY_PAGE
def test_no_visible_code_block_shows_template_markup(desktop, name, lang):
    """What a template or a stylesheet leaks onto the page (the notebook page once ended in a
    raw <style> block shown as code) is never what a code block on this site teaches."""
    assert not desktop.facts["visible_template_code"], (
        f"{desktop.url}: code blocks showing markup: {desktop.facts['visible_template_code']}"
    )


@EVERY_PAGE
def test_korean_keeps_words_whole_and_code_scrolls(desktop, phone, name, lang):
    if lang == "ko" and desktop.facts["word_break"] is not None:
        assert desktop.facts["word_break"] == "keep-all", (
            f"{desktop.url}: Korean text has word-break: {desktop.facts['word_break']}"
        )
    assert not phone.facts["broken_words"], (
        f"{phone.url}: lines break inside Korean words on a phone: {phone.facts['broken_words']}"
    )
    for code in desktop.facts["codes"] + phone.facts["codes"]:
        assert code["whiteSpace"] == "pre" and code["overflowX"] in ("auto", "scroll"), (
            f"{desktop.url}: a code block wraps: {code}"
        )
    assert phone.facts["page_overflow"] <= 1, (
        f"{phone.url}: the page is {phone.facts['page_overflow']}px wider than a phone screen"
    )


@EVERY_PAGE
def test_font_stack_has_a_korean_system_font_for_every_platform(desktop, name, lang):
    for font in ("Apple SD Gothic Neo", "Malgun Gothic", "Noto Sans KR", "Noto Sans CJK KR"):
        assert font in desktop.facts["font_family"], (
            f"{font} missing from the font stack: {desktop.facts['font_family']}"
        )


@pytest.mark.parametrize("name, lang", NOTEBOOKS)
def test_notebook_shows_outputs_and_downloads(browser, served, desktop, name, lang, tmp_path):
    assert desktop.facts["outputs"] > 0, f"{desktop.url}: no visible cell outputs"
    url = served.base + url_dir(name, lang)  # this worker's server (the visit may come from the other's)
    page, _ = browser.load(url, served.base)
    with page.expect_download() as download:
        page.click("a.md-content__button[download]")
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    page.context.close()
    assert saved.suffix == ".ipynb", saved.name
    notebook = json.loads(saved.read_text(encoding="utf-8"))
    source = json.loads(PAIRS[name][lang].read_text(encoding="utf-8"))
    assert notebook["cells"] == source["cells"], f"{desktop.url}: the download is not the {lang} notebook"


def last_anchor(name: str, lang: str) -> str | None:
    path = PAIRS[name][lang]
    if path.suffix != ".md":
        return None
    anchors = [
        m[1]
        for line in strip_fences(path.read_text(encoding="utf-8")).splitlines()
        if line.startswith("#") and (m := ANCHOR.search(line))
    ]
    return anchors[-1] if anchors else None


# The switch keeps the anchor by the same code on every page (site.js), and every page carries the
# same anchors in every language (tests/test_pages.py checks them all): one page of each kind is
# pressed here, in every language: the home page, a chapter, an error page, a recipe, the glossary
# and the notebook.
SWITCHED = ["index.md", "session.md", "errors-connections.md", "recipes-pgbouncer.md", "glossary.md"]
SWITCHED += [name for name in sorted(PAIRS) if name.endswith(".ipynb")][:1]


@pytest.mark.parametrize("name, lang", [(n, lang) for n in SWITCHED for lang in languages()])
def test_language_switcher_keeps_the_section(browser, served, name, lang):
    anchor = last_anchor(name, lang)
    url = served.base + url_dir(name, lang) + (f"#{anchor}" if anchor else "")
    for other in other_languages(lang):
        page, visit = browser.load(url, served.base, idle=False, search_index=False)
        page.hover(".md-header__option .md-select")
        with page.expect_navigation():
            page.click(f'a.md-select__link[hreflang="{other}"]')
        page.wait_for_load_state("load")
        landed = urlsplit(page.url)
        lang_now = page.evaluate("document.documentElement.lang")
        has_target = page.evaluate("id => !id || !!document.getElementById(id)", anchor)
        page.context.close()
        assert landed.path == "/" + url_dir(name, other), f"{url}: switched to {other} at {page.url}"
        assert lang_now == other, f"{url}: switched to {other} at {page.url}, which is lang={lang_now}"
        assert landed.fragment == (anchor or ""), f"{url}: switched to {page.url}, lost #{anchor}"
        assert has_target, f"{page.url}: no element with id {anchor}"
        # Leaving the page cancels what it was still loading (the search worker's files): not a failure.
        problems = [p for p in visit.problems if "net::ERR_ABORTED" not in p]
        assert not problems, f"{url} (switching to {other}): {problems}"


BROKEN_PAGE = """# Broken { #broken }

<img src="https://example.com/tracker.png" alt="tracker">

<img src="missing.png" alt="missing">

<script>throw new Error("boom from the page")</script>
"""


def test_the_checks_catch_a_broken_page(browser, tmp_path):
    """A mini-site with the real configuration and one page that calls another host, loads a
    missing file and throws: the visit must report all three, and the outside request must never
    leave the machine."""
    config = mini_site(tmp_path, {f"index.{lang}.md": BROKEN_PAGE for lang in languages()})
    result = build(config, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    server = Server(tmp_path / "site")
    try:
        page, visit = browser.load(server.base, server.base)
        page.context.close()
    finally:
        server.close()
    assert visit.external == ["https://example.com/tracker.png"], visit.external
    assert any("missing.png" in f for f in visit.failed), visit.failed
    assert any("boom from the page" in e for e in visit.console_errors), visit.console_errors
