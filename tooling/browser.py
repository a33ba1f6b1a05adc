"""Debian's Chromium driven through Playwright, against a built site served on 127.0.0.1.

Every request is watched: anything not on our own server is recorded and aborted, so nothing
leaves the machine. Used by the browser tests (tests/browser/), scripts/benchmark.py (which also
hands CHROMIUM and CHROMIUM_ARGS to Lighthouse) and scripts/draw_diagrams.py.
SESSIONBOOK_CHROMIUM names another Chromium binary.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

CHROMIUM = Path(os.environ.get("SESSIONBOOK_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORTS = {
    "desktop": {"viewport": {"width": 1280, "height": 900}},
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
}
SEARCH_INPUT = "input.md-search__input"
# The search index of a language (hooks/search_per_language.py), which Material's search worker fetches.
SEARCH_INDEX = re.compile(r"/search/search_index\.[\w-]+\.json$")
# When its search worker answers a query, Material writes the meta line above the results (how
# many, or none, or for the empty query a placeholder) and the first ten results, in one task; the
# rest follow as the reader scrolls. SEARCH_ANSWERED is true once the meta line, blanked before typing,
# says what the answer to `query` says: the placeholder for the empty query, anything else for
# another.
SEARCH_ANSWERED = """query => {
  const meta = document.querySelector('.md-search-result__meta').textContent;
  const placeholder = JSON.parse(document.getElementById('__config').textContent).translations['search.result.placeholder'];
  return meta !== '' && (meta === placeholder) === (query === '');
}"""


def browser_missing() -> str | None:
    """Why the browser tests cannot run here, or None."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install -r requirements.txt)"
    if not os.access(CHROMIUM, os.X_OK):
        return f"no Chromium at {CHROMIUM} (apt-get install -y chromium fonts-noto-cjk, or set SESSIONBOOK_CHROMIUM)"
    return None


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


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

    @property
    def problems(self) -> list[str]:
        return self.console_errors + self.failed


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        """A page that leaves while a file is on its way (the next visit, a closed context) breaks
        the connection: not an error of the site. Anything else is printed as usual."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class Server:
    """A folder served on 127.0.0.1 on a free port, in a thread."""

    def __init__(self, directory: Path):
        self.directory = Path(directory)
        handler = functools.partial(_QuietHandler, directory=str(directory))
        self.httpd = _QuietServer(("127.0.0.1", 0), handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_port}/"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


class Browser:
    """One Chromium; a fresh context (and page) for each visit."""

    def __init__(self):
        from playwright.sync_api import sync_playwright

        self.playwright = sync_playwright().start()
        self.chromium = self.playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)

    def close(self):
        self.chromium.close()
        self.playwright.stop()

    def open(
        self,
        url: str,
        base: str,
        viewport: str = "desktop",
        stand_ins: dict[str, Path] | None = None,
        init_script: str | None = None,
        search_index: bool = True,
    ):
        """A new page, in the light colour scheme, whose every request is recorded; requests
        outside `base` are aborted. stand_ins maps URL prefixes on other hosts to local files that
        answer instead; init_script runs in the page before any of its own scripts.
        search_index=False answers the search worker's request for the language's index (still
        requested from the site, and recorded) with its configuration and no documents: the
        worker then builds an empty index instead of spending a second or more of CPU on every
        page, which only the search tests need. Returns (page, visit); close the page's context
        when done."""
        from playwright.sync_api import Error as PlaywrightError

        visit = Visit(url)
        context = self.chromium.new_context(
            **VIEWPORTS[viewport],
            color_scheme="light",
            service_workers="block",
            accept_downloads=True,
            permissions=["clipboard-read", "clipboard-write"],
        )
        if init_script:
            context.add_init_script(init_script)

        def route(route):
            stand_in = next(
                (path for prefix, path in (stand_ins or {}).items() if route.request.url.startswith(prefix)), None
            )
            if stand_in:
                route.fulfill(path=stand_in)
            elif not search_index and SEARCH_INDEX.search(route.request.url) and route.request.url.startswith(base):
                try:
                    response = route.fetch()
                    route.fulfill(response=response, json={**response.json(), "docs": []})
                except PlaywrightError:  # the page left (a click to another page) while its index was on the way
                    pass
            elif route.request.url.startswith((base, "data:", "blob:")):
                route.continue_()
            else:
                visit.external.append(route.request.url)
                route.abort()

        context.route("**/*", route)
        page = context.new_page()
        _track_requests(page)
        page.on("console", lambda m: m.type == "error" and visit.console_errors.append(m.text))
        page.on("pageerror", lambda e: visit.console_errors.append(f"uncaught: {e}"))
        page.on(
            "request", lambda r: (visit.requests.append(r.url), r.resource_type == "font" and visit.fonts.append(r.url))
        )
        page.on("requestfailed", lambda r: r.url.startswith(base) and visit.failed.append(f"{r.url} ({r.failure})"))
        page.on("response", lambda r: r.status >= 400 and visit.failed.append(f"{r.url} (HTTP {r.status})"))
        return page, visit

    def load(self, url: str, base: str, idle: bool = True, **options):
        """open() and wait for the load event, and then (idle=True) until the page's requests have
        settled: the search index and the search worker's scripts are requested after the load
        event, and a visit that records every request must wait for them."""
        page, visit = self.open(url, base, **options)
        page.goto(url, wait_until="load")
        if idle:
            settle(page)
        return page, visit


# How long a page must go without starting or ending a request to count as settled. After the
# load event the search index and the worker's three lunr scripts follow one another with gaps of
# a few milliseconds; Playwright's "networkidle" waits 500 ms after the last, which cost every
# visit half a second.
QUIET_SECONDS = 0.15


def _track_requests(page) -> None:
    """Count the page's requests in flight, and when the last one started or ended."""
    page.in_flight, page.last_request_event = 0, time.monotonic()

    def started(_request):
        page.in_flight += 1
        page.last_request_event = time.monotonic()

    def ended(_request):
        page.in_flight -= 1
        page.last_request_event = time.monotonic()

    page.on("request", started)
    page.on("requestfinished", ended)
    page.on("requestfailed", ended)


def settle(page, timeout: float = 10.0) -> None:
    """Wait until no request of the page is in flight and none started or ended for QUIET_SECONDS."""
    deadline = time.monotonic() + timeout
    while page.in_flight or time.monotonic() - page.last_request_event < QUIET_SECONDS:
        if time.monotonic() > deadline:
            raise AssertionError(f"{page.url}: {page.in_flight} requests still in flight after {timeout:.0f} s")
        page.wait_for_timeout(25)  # lets Playwright deliver the page's events meanwhile


# A reader scrolling the page to its end, one screen per frame, then back to the top. content.lazy
# (mkdocs.yml) mounts a code block's copy button and annotations when the block first comes into
# view, so what is mounted afterwards is what that reader has seen.
SCROLL_THROUGH = """async () => {
  const frame = () => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
  for (let y = 0; y < document.scrollingElement.scrollHeight; y += innerHeight) { scrollTo(0, y); await frame(); }
  scrollTo(0, 0);
  await frame();
}"""


def scroll_through(page) -> None:
    """Scroll the page to its end and back, as a reader does (SCROLL_THROUGH)."""
    page.evaluate(SCROLL_THROUGH)


# extra.css lays out a long page's blocks only near the screen (content-visibility: auto): a block
# far from it is not painted. A reader sees each block painted when it is on the screen; axe, which
# reads colours from what is painted, and a full-page screenshot see it so only with this style.
PAINT_EVERY_BLOCK = ".md-typeset * { content-visibility: visible !important; }"


def paint_every_block(page) -> None:
    """Every block of the page painted, near the screen or not (PAINT_EVERY_BLOCK)."""
    page.add_style_tag(content=PAINT_EVERY_BLOCK)


def search_results(page, query: str, timeout: float = 10000) -> list[str]:
    """Type a query into Material's search box on a loaded page, as a reader does, and return the
    addresses of the results Material shows at once (the first ten pages, each with its
    sections), best first. It waits for the search worker's answer to this very query, not for a
    time: Material searches again only when the box changes, so a box that is not empty is
    emptied first, and each answer is awaited by its meta line."""
    if not query.strip():
        raise ValueError("search_results needs a query that is not blank")
    if page.input_value(SEARCH_INPUT):
        _type(page, "", timeout)
    _type(page, query, timeout)
    return page.eval_on_selector_all(".md-search-result__item .md-search-result__link", "els => els.map(e => e.href)")


def _type(page, query: str, timeout: float) -> None:
    from playwright.sync_api import TimeoutError

    page.eval_on_selector(".md-search-result__meta", "meta => { meta.textContent = '' }")
    page.fill(SEARCH_INPUT, query)
    page.press(SEARCH_INPUT, "End")  # Material reads the box on keyup
    try:
        page.wait_for_function(SEARCH_ANSWERED, arg=query, timeout=timeout)
    except TimeoutError:
        raise AssertionError(
            f"{page.url}: Material's search did not answer {query!r} within {timeout:.0f} ms"
        ) from None
