"""Debian's Chromium driven through Playwright, against a built site served on 127.0.0.1.

Every request is watched: anything not on our own server is recorded and aborted, so nothing
leaves the machine. Used by the browser tests (tests/browser/) and by scripts/benchmark.py.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
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
# Material draws each diagram into a *closed* shadow root; open it so that scripts/diagrams.py can
# read the drawing (the published pages have no Mermaid: hooks/diagrams.py inlines the drawings).
OPEN_SHADOW_ROOTS = "Element.prototype.attachShadow = (o => function (init) { return o.call(this, {...init, mode: 'open'}) })(Element.prototype.attachShadow)"


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


class Server:
    """A folder served on 127.0.0.1 on a free port, in a thread."""

    def __init__(self, directory: Path):
        self.directory = Path(directory)
        handler = functools.partial(_QuietHandler, directory=str(directory))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
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
        color_scheme: str = "light",
        stand_ins: dict[str, Path] | None = None,
    ):
        """A new page whose every request is recorded; requests outside `base` are aborted.
        stand_ins maps URL prefixes on other hosts to local files that answer instead. Returns
        (page, visit); close the page's context when done."""
        visit = Visit(url)
        context = self.chromium.new_context(
            **VIEWPORTS[viewport],
            color_scheme=color_scheme,
            service_workers="block",
            accept_downloads=True,
            permissions=["clipboard-read", "clipboard-write"],
        )
        context.add_init_script(OPEN_SHADOW_ROOTS)

        def route(route):
            stand_in = next(
                (path for prefix, path in (stand_ins or {}).items() if route.request.url.startswith(prefix)), None
            )
            if stand_in:  # a file of ours answers for another host (scripts/diagrams.py)
                route.fulfill(path=stand_in)
            elif route.request.url.startswith((base, "data:", "blob:")):
                route.continue_()
            else:
                visit.external.append(route.request.url)
                route.abort()

        context.route("**/*", route)
        page = context.new_page()
        page.on("console", lambda m: m.type == "error" and visit.console_errors.append(m.text))
        page.on("pageerror", lambda e: visit.console_errors.append(f"uncaught: {e}"))
        page.on(
            "request", lambda r: (visit.requests.append(r.url), r.resource_type == "font" and visit.fonts.append(r.url))
        )
        page.on("requestfailed", lambda r: r.url.startswith(base) and visit.failed.append(f"{r.url} ({r.failure})"))
        page.on("response", lambda r: r.status >= 400 and visit.failed.append(f"{r.url} (HTTP {r.status})"))
        return page, visit

    def load(self, url: str, base: str, idle: bool = True, **options):
        """open() and wait for the load event, and then (idle=True) until the network is idle:
        the search worker fetches its index after the load event, and a visit that records
        every request must wait for it."""
        page, visit = self.open(url, base, **options)
        page.goto(url, wait_until="load")
        if idle:
            page.wait_for_load_state("networkidle")
        return page, visit
