"""The reader's experience in a real browser: a freshly built site served on 127.0.0.1 and driven
with Debian's Chromium through Playwright. No browser: the tests skip with one line saying why,
except under CI (CI=true), where they fail.

Every page in both languages is loaded once on a desktop and once on a phone; the tests below
read what that visit recorded. Screenshots land in screenshots/ (git-ignored; CI uploads them).
"""

from __future__ import annotations

import copy
import functools
import gzip
import http.server
import json
import os
import re
import shutil
import textwrap
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import ANCHOR, DOCS, FENCE, INCLUDE, LANGUAGES, ROOT, SNIPPETS, build, page_pairs, strip_fences
from test_site import url_dir

PAIRS = page_pairs()
MARKDOWN = sorted(n for n in PAIRS if n.endswith(".md"))
NOTEBOOKS = sorted(n for n in PAIRS if n.endswith(".ipynb"))
SCREENSHOTS = ROOT / "screenshots"
CHROMIUM = Path(os.environ.get("SESSIONBOOK_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
# Material renders each diagram into a *closed* shadow root; open it for inspection (test only).
OPEN_SHADOW_ROOTS = "Element.prototype.attachShadow = (o => function (init) { return o.call(this, {...init, mode: 'open'}) })(Element.prototype.attachShadow)"
MARKER_LINE = re.compile(r"^[ \t]*#\s*--8<--\s*\[(?:start|end):[\w-]+\][ \t]*\n", re.M)
AXE_JS = None  # axe.min.js, read once


def axe_source() -> str:
    global AXE_JS
    if AXE_JS is None:
        import axe_playwright_python  # ships axe-core's axe.min.js; pinned in requirements.txt

        AXE_JS = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")
    return AXE_JS


def browser_missing() -> str | None:
    """Why the browser tests cannot run here, or None."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install -r requirements.txt)"
    if not os.access(CHROMIUM, os.X_OK):
        return f"no Chromium at {CHROMIUM} (apt-get install -y chromium fonts-noto-cjk, or set SESSIONBOOK_CHROMIUM)"
    return None


# --------------------------------------------------------------------------- serving and driving


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(directory: Path) -> http.server.ThreadingHTTPServer:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@dataclass
class Visit:
    """What one page load showed: problems, every request, and measurements taken in the page."""

    url: str
    console_errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    external: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    fonts: list[str] = field(default_factory=list)
    facts: dict = field(default_factory=dict)


class Driver:
    """One Chromium for the session; a fresh context (and page) for each visit."""

    def __init__(self, site: Path):
        from playwright.sync_api import sync_playwright

        self.site = site
        self.server = serve(site)
        self.base = f"http://127.0.0.1:{self.server.server_port}/"
        self.playwright = sync_playwright().start()
        self.browser = self.playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        self.visits: dict[tuple, Visit] = {}

    def close(self):
        self.browser.close()
        self.playwright.stop()
        self.server.shutdown()
        self.server.server_close()

    def open(self, url: str, visit: Visit | None = None, **options):
        """A page on a new context whose every request is watched; anything not on our server
        is recorded and aborted, so it never leaves the machine."""
        visit = visit or Visit(url)
        context = self.browser.new_context(
            **(options or DESKTOP), permissions=["clipboard-read", "clipboard-write"], accept_downloads=True,
            service_workers="block",
        )
        context.add_init_script(OPEN_SHADOW_ROOTS)
        origin = self.base.rstrip("/")
        inflight = {"n": 0}

        def route(route):
            request = route.request
            if request.url.startswith(self.base) or request.url.startswith(("data:", "blob:")):
                route.continue_()
            else:
                visit.external.append(request.url)
                route.abort()

        context.route("**/*", route)
        page = context.new_page()
        page.on("console", lambda m: m.type == "error" and visit.console_errors.append(m.text))
        page.on("pageerror", lambda e: visit.console_errors.append(f"uncaught: {e}"))

        def on_request(request):
            inflight["n"] += 1
            visit.requests.append(request.url)
            if request.resource_type == "font":
                visit.fonts.append(request.url)

        def on_done(request):
            inflight["n"] -= 1

        def on_failed(request):
            inflight["n"] -= 1
            if request.url.startswith(origin):  # external ones are aborted on purpose, reported above
                visit.failed.append(f"{request.url} ({request.failure})")

        def on_response(response):
            if response.status >= 400:
                visit.failed.append(f"{response.url} (HTTP {response.status})")

        page.on("request", on_request)
        page.on("requestfinished", on_done)
        page.on("requestfailed", on_failed)
        page.on("response", on_response)
        page.inflight = inflight
        return page, visit

    @staticmethod
    def settle(page, quiet_ms: int = 200, limit_ms: int = 8000):
        """Wait until no request has been in flight for quiet_ms (the search worker fetches its
        index and languages after the load event)."""
        quiet = waited = 0
        while waited < limit_ms and quiet < quiet_ms:
            page.wait_for_timeout(50)
            waited += 50
            quiet = quiet + 50 if page.inflight["n"] <= 0 else 0

    def goto(self, page, url: str):
        page.goto(url, wait_until="load")
        self.settle(page)


def wait_for_diagrams(page, expected: int):
    if expected:
        try:
            page.wait_for_function(
                "n => [...document.querySelectorAll('div.mermaid')].filter(d => d.shadowRoot && d.shadowRoot.querySelector('svg')).length >= n",
                arg=expected, timeout=15000,
            )
        except Exception:
            pass  # the test reports what rendered


PAGE_FACTS = """() => {
  const article = document.querySelector('article.md-content__inner') || document.body;
  const svgs = [...document.querySelectorAll('div.mermaid')].map(d => d.shadowRoot && d.shadowRoot.querySelector('svg'));
  const style = el => el ? getComputedStyle(el) : null;
  const p = article.querySelector('p');
  const codes = [...article.querySelectorAll('pre > code')].map(c => {
    const s = getComputedStyle(c);
    return {overflowX: s.overflowX, whiteSpace: s.whiteSpace, scrolls: c.scrollWidth > c.clientWidth};
  });
  return {
    lang: document.documentElement.lang,
    diagrams_left_as_code: document.querySelectorAll('pre.mermaid').length,
    diagrams: svgs.length,
    diagrams_svg: svgs.filter(s => s && s.getBoundingClientRect().width > 0 && !s.querySelector('.error-icon') && s.getAttribute('aria-roledescription') !== 'error').length,
    word_break: p ? style(p).wordBreak : null,
    font_family: style(document.body).fontFamily,
    codes,
    page_overflow: document.scrollingElement.scrollWidth - window.innerWidth,
    outputs: [...document.querySelectorAll('.jp-OutputArea-output')].filter(o => o.offsetParent !== null && o.innerText.trim()).length,
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
    acceptNode: n => n.parentElement.closest('pre, code, .mermaid, .md-annotation, table') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT});
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


def run_axe(page, only_colours: bool = False) -> list[str]:
    """Serious and critical axe-core violations. The dark theme changes colours only, so its run
    is limited to the colour rules."""
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.evaluate(axe_source())
    options = {"resultTypes": ["violations"]}
    if only_colours:
        options["runOnly"] = ["color-contrast", "link-in-text-block"]
    result = page.evaluate("async o => (await axe.run(document, o)).violations", options)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {', '.join(' '.join(n['target']) for n in v['nodes'][:5])}"
        for v in result if v["impact"] in ("serious", "critical")
    ]


def diagram_count(source: Path) -> int:
    return len(re.findall(r"^\s*```+\s*mermaid\b", source.read_text(encoding="utf-8"), re.M))


def shot_name(name: str, lang: str) -> str:
    slug = name.rsplit(".", 1)[0].replace("/", "-")
    return f"{lang}-{slug}"


def visit_page(driver: Driver, name: str, lang: str, shots: bool = True) -> Visit:
    """Load one page on a desktop (light, then dark) and on a phone; record everything."""
    key = (name, lang)
    if key in driver.visits:
        return driver.visits[key]
    url = driver.base + url_dir(name, lang)
    expected = diagram_count(PAIRS[name][lang]) if name in PAIRS else 0
    page, visit = driver.open(url)
    driver.goto(page, url)
    wait_for_diagrams(page, expected)
    visit.facts = page.evaluate(PAGE_FACTS)
    visit.facts["axe_light"] = run_axe(page)
    SCREENSHOTS.mkdir(exist_ok=True)
    if shots:
        page.screenshot(path=SCREENSHOTS / f"{shot_name(name, lang)}-desktop-light.png", full_page=True)
    page.emulate_media(color_scheme="dark")
    page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'", timeout=5000)
    page.wait_for_timeout(100)
    visit.facts["axe_dark"] = run_axe(page, only_colours=True)
    if shots:
        page.screenshot(path=SCREENSHOTS / f"{shot_name(name, lang)}-desktop-dark.png", full_page=True)
    page.context.close()

    phone, _ = driver.open(url, Visit(url), **PHONE)
    phone.goto(url, wait_until="load")
    wait_for_diagrams(phone, expected)
    facts = phone.evaluate(PAGE_FACTS)
    visit.facts["phone_overflow"] = facts["page_overflow"]
    visit.facts["phone_codes"] = facts["codes"]
    visit.facts["broken_words"] = phone.evaluate(BROKEN_WORDS)
    if shots:
        phone.screenshot(path=SCREENSHOTS / f"{shot_name(name, lang)}-mobile-light.png", full_page=True)
    phone.context.close()
    driver.visits[key] = visit
    return visit


# --------------------------------------------------------------------------- fixtures


# Module scope: Playwright's sync API keeps an event loop running in this thread until it stops,
# and the snippets collected after this module call asyncio.run().
@pytest.fixture(scope="module")
def driver(site):
    missing = browser_missing()
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"browser tests cannot run under CI: {missing}")
        pytest.skip(f"browser tests skipped: {missing}")
    if SCREENSHOTS.exists():
        shutil.rmtree(SCREENSHOTS)
    driver = Driver(site)
    yield driver
    driver.close()


BOTH = pytest.mark.parametrize("lang", LANGUAGES)
ALL_PAGES = pytest.mark.parametrize("name", sorted(PAIRS))


# --------------------------------------------------------------------------- every page


@BOTH
@ALL_PAGES
def test_page_loads_cleanly(driver, name, lang):
    visit = visit_page(driver, name, lang)
    assert visit.facts["lang"] == lang, f"{visit.url}: <html lang={visit.facts['lang']}>"
    assert not visit.console_errors, f"{visit.url}: console errors: {visit.console_errors}"
    assert not visit.failed, f"{visit.url}: failed requests: {visit.failed}"


@BOTH
@ALL_PAGES
def test_no_request_leaves_localhost(driver, name, lang):
    visit = visit_page(driver, name, lang)
    assert not visit.external, f"{visit.url}: requests to other hosts: {visit.external}"
    assert not visit.fonts, f"{visit.url}: web fonts downloaded: {visit.fonts}"


@BOTH
@pytest.mark.parametrize("name", [n for n in MARKDOWN if any(diagram_count(p) for p in PAIRS[n].values())] or ["(no diagrams yet)"])
def test_mermaid_diagrams_render_as_svg(driver, name, lang):
    if name not in PAIRS:
        pytest.skip("no page has a Mermaid diagram yet")
    visit = visit_page(driver, name, lang)
    expected = diagram_count(PAIRS[name][lang])
    facts = visit.facts
    assert facts["diagrams_left_as_code"] == 0, f"{visit.url}: {facts['diagrams_left_as_code']} diagram(s) left as code"
    assert facts["diagrams"] == expected, f"{visit.url}: {facts['diagrams']} diagram(s) on the page, {expected} in the source"
    assert facts["diagrams_svg"] == expected, f"{visit.url}: only {facts['diagrams_svg']} of {expected} diagram(s) rendered as SVG"


@BOTH
@ALL_PAGES
@pytest.mark.parametrize("theme", ["light", "dark"])
def test_no_serious_accessibility_violations(driver, name, lang, theme):
    visit = visit_page(driver, name, lang)
    violations = visit.facts[f"axe_{theme}"]
    assert not violations, f"{visit.url} ({theme}): axe-core found:\n" + "\n".join(violations)


@BOTH
@ALL_PAGES
def test_korean_keeps_words_whole_and_code_scrolls(driver, name, lang):
    visit = visit_page(driver, name, lang)
    facts = visit.facts
    if lang == "ko" and facts["word_break"] is not None:
        assert facts["word_break"] == "keep-all", f"{visit.url}: Korean text has word-break: {facts['word_break']}"
    assert not facts["broken_words"], f"{visit.url}: lines break inside Korean words on a phone: {facts['broken_words']}"
    for code in facts["codes"] + facts["phone_codes"]:
        assert code["whiteSpace"] == "pre" and code["overflowX"] in ("auto", "scroll"), f"{visit.url}: a code block wraps: {code}"
    assert facts["phone_overflow"] <= 1, f"{visit.url}: the page is {facts['phone_overflow']}px wider than a phone screen"


@BOTH
@ALL_PAGES
def test_font_stack_has_a_korean_system_font_for_every_platform(driver, name, lang):
    family = visit_page(driver, name, lang).facts["font_family"]
    for font in ("Apple SD Gothic Neo", "Malgun Gothic", "Noto Sans KR", "Noto Sans CJK KR"):
        assert font in family, f"{font} missing from the font stack: {family}"


@BOTH
@pytest.mark.parametrize("name", NOTEBOOKS or ["(no notebooks yet)"])
def test_notebook_shows_outputs_and_downloads(driver, name, lang, tmp_path):
    if name not in PAIRS:
        pytest.skip("no notebook pages yet")
    visit = visit_page(driver, name, lang)
    assert visit.facts["outputs"] > 0, f"{visit.url}: no visible cell outputs"
    page, _ = driver.open(visit.url)
    driver.goto(page, visit.url)
    with page.expect_download() as download:
        page.click("a.md-content__button[download]")
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    page.context.close()
    assert saved.suffix == ".ipynb", saved.name
    notebook = json.loads(saved.read_text(encoding="utf-8"))
    source = json.loads(PAIRS[name][lang].read_text(encoding="utf-8"))
    assert notebook["cells"] == source["cells"], f"{visit.url}: the download is not the {lang} notebook"


# --------------------------------------------------------------------------- language switcher


def last_anchor(path: Path) -> str | None:
    if path.suffix != ".md":
        return None
    anchors = [m[1] for line in strip_fences(path.read_text(encoding="utf-8")).splitlines()
               if line.startswith("#") and (m := ANCHOR.search(line))]
    return anchors[-1] if anchors else None


@BOTH
@ALL_PAGES
def test_language_switcher_keeps_the_section(driver, name, lang):
    other = "en" if lang == "ko" else "ko"
    anchor = last_anchor(PAIRS[name][lang])
    url = driver.base + url_dir(name, lang) + (f"#{anchor}" if anchor else "")
    page, visit = driver.open(url)
    driver.goto(page, url)
    page.hover(".md-header__option .md-select")
    with page.expect_navigation():
        page.click(f"a.md-select__link[hreflang={other}]")
    page.wait_for_load_state("load")
    landed = urlsplit(page.url)
    lang_now = page.evaluate("document.documentElement.lang")
    has_target = page.evaluate("id => !id || !!document.getElementById(id)", anchor)
    page.context.close()
    assert landed.path == "/" + url_dir(name, other), f"{url}: switched to {page.url}"
    assert lang_now == other
    assert landed.fragment == (anchor or ""), f"{url}: switched to {page.url}, lost #{anchor}"
    assert has_target, f"{page.url}: no element with id {anchor}"
    assert not visit.failed and not visit.console_errors, f"{url}: {visit.failed + visit.console_errors}"


# --------------------------------------------------------------------------- search

# (query, page it must find first, language of the page searched from). Real reader queries:
# Korean with particles attached (세션을, 커밋하면), Korean mixed with an API name, English.
SEARCHES = [
    ("커밋하면", "object-states.md", "ko"),
    ("세션을 스레드마다", "session.md", "ko"),
    ("트랜잭션의 범위를", "session.md", "ko"),
    ("엔진을", "engine.md", "ko"),
    ("커넥션을 반납", "engine.md", "ko"),
    ("만료된 객체", "object-states.md", "ko"),
    ("expire_on_commit 설정", "session.md", "ko"),
    ("expire_on_commit", "session.md", "en"),
    ("expired objects", "object-states.md", "en"),
    ("connection pool", "engine.md", "en"),
    ("pool_size max_overflow", "engine.md", "en"),
    ("sessionmaker options", "session.md", "en"),
]


def search(driver: Driver, lang: str, query: str) -> tuple[list[str], Visit]:
    """Type a query into Material's search box; the result pages, best first, as site paths."""
    url = driver.base + ("" if lang == "ko" else "en/")
    page, visit = driver.open(url)
    driver.goto(page, url)
    page.fill("input.md-search__input", query)
    page.press("input.md-search__input", "End")  # Material searches on keyup
    page.wait_for_function(
        "() => document.querySelector('.md-search-result__list').children.length > 0"
        " || /없|No matching/.test(document.querySelector('.md-search-result__meta').textContent)", timeout=10000)
    page.wait_for_timeout(300)  # the list is filled in batches
    hrefs = page.eval_on_selector_all(".md-search-result__item > .md-search-result__link", "els => els.map(e => e.href)")
    page.context.close()
    return [urlsplit(h).path for h in hrefs], visit


@pytest.mark.parametrize("query, name, lang", SEARCHES)
def test_search_finds_the_right_page(driver, query, name, lang):
    if "##" not in PAIRS[name][lang].read_text(encoding="utf-8"):
        pytest.skip(f"{name} ({lang}) has no sections yet")
    results, visit = search(driver, lang, query)
    expected = "/" + url_dir(name, lang)
    assert results, f"{query!r}: no results"
    # One index serves both languages (mkdocs-static-i18n merges them), so English words also
    # match Korean pages, which name the same APIs. The page must be among the first three
    # pages of the reader's language: what the first screen of results shows.
    pages = list(dict.fromkeys(r for r in results if r.startswith("/en/") == (lang == "en")))
    assert expected in pages[:3], f"{query!r} ({lang}): {expected} not in the first three pages: {pages[:5]}"
    assert not visit.failed and not visit.console_errors, visit.failed + visit.console_errors


# --------------------------------------------------------------------------- copy button


def snippet_text(path: str, section: str | None) -> str:
    text = (SNIPPETS / path).read_text(encoding="utf-8")
    if section:
        match = re.search(rf"^[ \t]*#\s*--8<--\s*\[start:{re.escape(section)}\][ \t]*\n(.*?)^[ \t]*#\s*--8<--\s*\[end:{re.escape(section)}\]", text, re.M | re.S)
        assert match, f"section {section} not found in {path}"
        text = match[1]
        if re.search(r"^\s*dedent_subsections:\s*true", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M):
            text = textwrap.dedent(text)
    return MARKER_LINE.sub("", text)


def expected_blocks(source: Path) -> list[tuple[str, str | None, str]]:
    """(what it is, snippet file or None, text) for every code block of a Markdown page, in order."""
    blocks = []
    for m in FENCE.finditer(source.read_text(encoding="utf-8")):
        if m["info"].strip().startswith("mermaid"):
            continue
        body = "\n".join(line[len(m["indent"]):] for line in m["body"].splitlines())
        include = INCLUDE.search(body)
        if include:
            blocks.append((f"{include[1]}:{include[2]}" if include[2] else include[1], None if include[2] else include[1],
                           snippet_text(include[1], include[2])))
        else:
            blocks.append(("inline block", None, body + "\n"))
    return blocks


# Material's copy drops an annotation marker `# (1)!` but keeps the spaces before it.
ANNOTATION = re.compile(r"#\s*\(\d+\)!?[ \t]*$", re.M)


@BOTH
@pytest.mark.parametrize("name", MARKDOWN)
def test_copy_button_copies_the_runnable_snippet(driver, name, lang, eval_example, tmp_path, monkeypatch):
    from pytest_examples import CodeExample

    blocks = expected_blocks(PAIRS[name][lang])
    if not blocks:
        pytest.skip(f"{name} has no code blocks yet")
    url = driver.base + url_dir(name, lang)
    page, visit = driver.open(url)
    driver.goto(page, url)
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true })")
    buttons = page.locator("article .highlight button.md-code__button[data-md-type=copy]")
    assert buttons.count() == len(blocks), f"{url}: {buttons.count()} copy buttons for {len(blocks)} code blocks"
    copied = []
    for i in range(len(blocks)):
        page.evaluate("navigator.clipboard.writeText('')")
        buttons.nth(i).click(force=True)
        page.wait_for_function("async () => (await navigator.clipboard.readText()) !== ''", timeout=5000, polling=50)
        copied.append(page.evaluate("navigator.clipboard.readText()"))
    page.context.close()
    monkeypatch.chdir(tmp_path)
    for (what, runnable, expected), text in zip(blocks, copied):
        # Material's copy drops the annotation markers and the final newline; nothing else.
        # (and, like any copy, trailing whitespace at the very end)
        assert text + "\n" == ANNOTATION.sub("", expected).rstrip() + "\n", f"{url}: the copy button on {what} copies something else"
        if runnable:
            copy = tmp_path / Path(runnable).name
            copy.write_text(text + "\n", encoding="utf-8")
            # Playwright's event loop runs in this thread; asyncio snippets need a thread without one.
            errors = []
            thread = threading.Thread(target=lambda: run_checked(eval_example, CodeExample.create(text + "\n", path=copy), errors))
            thread.start()
            thread.join()
            if errors:
                raise errors[0]


def run_checked(eval_example, example, errors):
    try:
        eval_example.run_print_check(example)
    except BaseException as exc:  # re-raised in the test's thread
        errors.append(exc)


# --------------------------------------------------------------------------- weight budgets


@pytest.fixture(scope="module")
def floor(driver, tmp_path_factory) -> int:
    """Bytes a blank Material page with the same theme loads (see tests/benchmark.py)."""
    from benchmark import floor_config, page_total, transfer

    folder = tmp_path_factory.mktemp("floor")
    assert build(floor_config(folder), folder / "site").returncode == 0
    floor_driver = Driver.__new__(Driver)
    floor_driver.__dict__.update(driver.__dict__, site=folder / "site", server=serve(folder / "site"))
    floor_driver.base = f"http://127.0.0.1:{floor_driver.server.server_port}/"
    page, visit = floor_driver.open(floor_driver.base)
    floor_driver.goto(page, floor_driver.base)
    page.context.close()
    floor_driver.server.shutdown()
    floor_driver.server.server_close()
    return page_total(transfer(folder / "site", floor_driver.base, visit.requests))


@pytest.mark.parametrize("name", sorted(PAIRS))
def test_page_weight_within_budget(driver, floor, name):
    """Markdown pages: no more above the floor than their own content (article and sidebars,
    gzipped alone). The site's own extra.css and site.js (shared, cached) and Mermaid (only on
    pages with a diagram; about 1 MB gzipped) have their own columns and limits. Notebook pages:
    at most 1.5 times the floor. Bytes, never seconds."""
    from benchmark import own_content, page_total, transfer

    visit = visit_page(driver, name, "ko")
    sizes = transfer(driver.site, driver.base, visit.requests)
    total = page_total(sizes)
    html = (driver.site / url_dir(name, "ko") / "index.html").read_text(encoding="utf-8")
    assert sizes["own"] <= 4096, f"extra.css + site.js weigh {sizes['own']} bytes gzipped"
    assert (sizes["mermaid"] > 0) == (diagram_count(PAIRS[name]["ko"]) > 0), f"{visit.url}: Mermaid loaded {sizes['mermaid']} bytes"
    if name.endswith(".ipynb"):
        assert total <= 1.5 * floor, f"{visit.url}: {total} bytes, more than 1.5 x the floor ({floor})"
    else:
        excess = total - floor - sizes["own"] - sizes["mermaid"]
        content = own_content(html)
        assert excess <= content, f"{visit.url}: {excess} bytes above the floor ({floor}) for {content} bytes of content: {sizes}"


# --------------------------------------------------------------------------- the checks can fail

BROKEN_PAGE = """# Broken { #broken }

<img src="https://example.com/tracker.png" alt="tracker">

<img src="missing.png" alt="missing">

<script>throw new Error("boom from the page")</script>
"""


def test_the_checks_catch_a_broken_page(driver, tmp_path):
    """A mini-site with the real configuration and one page that calls another host, loads a
    missing file and throws: the visit must report all three, and the outside request must never
    leave the machine."""
    for folder in ("overrides", "hooks", "snippets", "docs/assets"):
        if (ROOT / folder).is_dir():
            shutil.copytree(ROOT / folder, tmp_path / folder)
    for lang in LANGUAGES:
        (tmp_path / "docs" / f"index.{lang}.md").write_text(BROKEN_PAGE, encoding="utf-8")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"^nav:\n(?:  - .*\n)+", "nav:\n  - index.md\n", config, flags=re.M)
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    result = build(tmp_path / "mkdocs.yml", tmp_path / "site")
    assert result.returncode == 0, result.stderr
    server = serve(tmp_path / "site")
    try:
        url = f"http://127.0.0.1:{server.server_port}/"
        mini = copy.copy(driver)
        mini.base = url
        page, visit = mini.open(url)
        page.goto(url, wait_until="load")
        mini.settle(page)
        page.context.close()
    finally:
        server.shutdown()
        server.server_close()
    assert visit.external == ["https://example.com/tracker.png"], visit.external
    assert any("missing.png" in f for f in visit.failed), visit.failed
    assert any("boom from the page" in e for e in visit.console_errors), visit.console_errors
