"""Fixtures for the browser tests: the built site served on 127.0.0.1, one Chromium per worker, and
one visit of each page per viewport (`desktop`, `phone`) for the whole run, shared by the workers
and made in a fixture so that `pytest --durations` shows what each visit costs. No browser: the tests skip with one line saying
why, except under CI (CI=true), where they fail.

With SESSIONBOOK_SCREENSHOTS=1 the visits also take full-page screenshots, light and dark, of
every page on a desktop and on a phone, into screenshots/ (git-ignored; the workflow sets it and
uploads them). They are for people to look at, and cost about a third of the visits' time, so
a plain run leaves them out.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import asdict

import pytest
from filelock import FileLock

from tooling.axe import CheckedStyles, axe_violations
from tooling.browser import Browser, Server, Visit, browser_missing, paint_every_block, scroll_through
from tooling.copy_button import read_copy_buttons
from tooling.diagram_layout import DIAGRAM_LAYOUT
from tooling.repo import ROOT, page_pairs, url_dir
from tooling.runs import once_per_run, run_folder

SCREENSHOTS = ROOT / "screenshots"
TAKE_SCREENSHOTS = os.environ.get("SESSIONBOOK_SCREENSHOTS") == "1"
PAIRS = page_pairs()

PAGE_FACTS = r"""() => {
  const article = document.querySelector('article.md-content__inner') || document.body;
  const drawings = [...article.querySelectorAll('div.diagram > svg')];
  const p = article.querySelector('p');
  return {
    lang: document.documentElement.lang,
    elements: document.getElementsByTagName('*').length,
    diagrams: drawings.length,
    diagrams_visible: drawings.filter(s => s.getBoundingClientRect().width > 0 && s.querySelector('text, foreignObject')).length,
    word_break: p ? getComputedStyle(p).wordBreak : null,
    font_family: getComputedStyle(document.body).fontFamily,
    codes: [...article.querySelectorAll('pre > code')].map(c => {
      const s = getComputedStyle(c);
      return {overflowX: s.overflowX, whiteSpace: s.whiteSpace};
    }),
    page_overflow: document.scrollingElement.scrollWidth - window.innerWidth,
    outputs: [...document.querySelectorAll('.jp-OutputArea-output')].filter(o => o.offsetParent !== null && o.innerText.trim()).length,
    visible_template_code: [...article.querySelectorAll('pre, code')].filter(c => c.offsetParent !== null && /<style\b|\{%|\{\{|^\s*\.[\w-]+\s*\{/m.test(c.textContent)).map(c => c.textContent.slice(0, 80)),
  };
}"""

# Every place where a line wraps between two Hangul syllables of one word, i.e. a word cut in two,
# in running text (tables are left out: a column narrower than a word may have to break it).
BROKEN_WORDS = """() => {
  const hangul = /[\\uac00-\\ud7a3]/;
  const found = [];
  const root = document.querySelector('article.md-content__inner');
  if (!root) return found;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode: n => n.parentElement.closest('pre, code, .md-annotation, table') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT});
  const range = document.createRange();
  const top = (node, i) => { range.setStart(node, i); range.setEnd(node, i + 1); const r = range.getClientRects(); return r.length ? r[0].top : null; };
  for (let node; (node = walker.nextNode());) {
    const text = node.data;
    for (let i = 0; i + 1 < text.length; i++) {
      if (!hangul.test(text[i]) || !hangul.test(text[i + 1])) continue;
      const a = top(node, i), b = top(node, i + 1);
      if (a !== null && b !== null && Math.abs(a - b) > 2) found.push(text.slice(Math.max(0, i - 6), i + 7));
    }
  }
  return found;
}"""


# axe-core runs on the page as it loads, where Material has mounted only the code blocks in view
# (content.lazy). The names site.js gives annotations as Material mounts them are checked on every
# block once all are mounted (after the copy check): the numbered links without a name.
UNNAMED_ANNOTATIONS = """() => [...document.querySelectorAll('article a.md-annotation__index:not([aria-label])')]
  .map(a => a.closest('.highlight')?.dataset.run || a.textContent.trim())"""


# Package scope: Playwright's sync API keeps an event loop running in this thread until it stops,
# and the snippet tests collected after this package call asyncio.run().
@pytest.fixture(scope="package")
def browser(tmp_path_factory):
    missing = browser_missing()
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"browser tests cannot run under CI: {missing}")
        pytest.skip(f"browser tests skipped: {missing}")
    once_per_run(tmp_path_factory, "screenshots", lambda: shutil.rmtree(SCREENSHOTS, ignore_errors=True))
    SCREENSHOTS.mkdir(exist_ok=True)
    browser = Browser()
    yield browser
    browser.close()


@pytest.fixture(scope="package")
def served(site, browser):
    """The built site on 127.0.0.1 (browser first, so that a missing browser skips before)."""
    server = Server(site)
    yield server
    server.close()


def shared_visit(tmp_path_factory, key: tuple, make) -> Visit:
    """One visit per page and viewport for the whole run: the first worker to need it makes it
    (make() returns a Visit) and saves it as JSON; the other worker, and every later test, read it.
    The visit itself is the fixture's setup, so `pytest --durations` shows what it cost."""
    path = run_folder(tmp_path_factory) / ("visit-" + "-".join(key).replace("/", "_").replace(".", "_") + ".json")
    with FileLock(f"{path}.lock"):
        if path.exists():
            return Visit(**json.loads(path.read_text(encoding="utf-8")))
        visit = make()
        path.write_text(json.dumps(asdict(visit)), encoding="utf-8")
        return visit


def _shoot(page, name: str, lang: str, viewport: str, scheme: str) -> None:
    """A full-page screenshot, with SESSIONBOOK_SCREENSHOTS=1, of the page as a reader sees each part
    of it: scrolled through first (unscrolled, content.lazy leaves every block below the first
    screen with its markers as "# (1)!"), and every block painted."""
    if TAKE_SCREENSHOTS:
        scroll_through(page)
        paint_every_block(page)
        path = SCREENSHOTS / f"{lang}-{name.rsplit('.', 1)[0].replace('/', '-')}-{viewport}-{scheme}.png"
        page.screenshot(path=str(path), full_page=True)


@pytest.fixture
def desktop(browser, served, name, lang, tmp_path_factory):
    """The page on a desktop, light then dark: facts, axe results (and screenshots), and what its
    copy buttons copy."""

    def make():
        url = served.base + url_dir(name, lang)
        page, visit = browser.load(url, served.base, search_index=False)
        visit.facts = page.evaluate(PAGE_FACTS)
        visit.facts["diagram_layout"] = page.evaluate(DIAGRAM_LAYOUT)
        checked = CheckedStyles(run_folder(tmp_path_factory) / "axe-styles.json")
        visit.facts["axe_light"] = axe_violations(page, "light", checked)
        _shoot(page, name, lang, "desktop", "light")
        page.emulate_media(color_scheme="dark")
        page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'", timeout=5000)
        visit.facts["axe_dark"] = axe_violations(page, "dark", checked, only_colours=True)
        _shoot(page, name, lang, "desktop", "dark")
        visit.facts["copy"] = read_copy_buttons(page)  # last: it opens <details>, selects tabs, mounts every block
        visit.facts["unnamed_annotations"] = page.evaluate(UNNAMED_ANNOTATIONS)
        page.context.close()
        return visit

    return shared_visit(tmp_path_factory, ("desktop", name, lang), make)


@pytest.fixture
def phone(browser, served, name, lang, tmp_path_factory):
    """The page on a phone: facts, words cut at line ends (and screenshots, light and dark)."""

    def make():
        url = served.base + url_dir(name, lang)
        page, visit = browser.load(url, served.base, viewport="phone", search_index=False)
        visit.facts = page.evaluate(PAGE_FACTS)
        visit.facts["diagram_layout"] = page.evaluate(DIAGRAM_LAYOUT)
        visit.facts["broken_words"] = page.evaluate(BROKEN_WORDS)
        _shoot(page, name, lang, "phone", "light")
        if TAKE_SCREENSHOTS:
            page.emulate_media(color_scheme="dark")
            page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'", timeout=5000)
            _shoot(page, name, lang, "phone", "dark")
        page.context.close()
        return visit

    return shared_visit(tmp_path_factory, ("phone", name, lang), make)
