"""Weight of every page, as a table: `python scripts/benchmark.py [--site DIR] [--test-seconds N]`.

For every page in every language, and for a blank Material page built with the same theme and
search languages (the floor): the gzipped size of the HTML plus every asset the page loads in a
real Chromium, split into the page's HTML (its diagrams are SVG inlined into it: no page loads
Mermaid), the theme's assets, the site's own assets (extra.css, site.js) and the search index
(one per language, hooks/search_per_language.py: the page's own language's, fetched by the
search worker and cached). Beside them: how much of the HTML is the page's own content, and its
number of diagrams. Sizes are deterministic (gzip level 9 of the built files); the budgets are
asserted on the same numbers by tests/browser/test_budgets.py.

--site DIR measures an already built site (default: site/, which the test run builds; built
here, and timed, when missing). --test-seconds N reports a test time measured elsewhere.
--weights DIR takes the sizes the browser tests measured and wrote there (tests/browser/test_budgets.py
writes .weights/), page by page, and measures only what is missing. `.ci/run` passes it.
Beside the bytes, Lighthouse's mobile performance score, total blocking time and DOM elements of
every page (and its SEO score, which the browser tests do not otherwise see): Lighthouse 12 from
scripts/lighthouse/ (package.json, package-lock.json; `npm ci` there installs it, .ci/run does),
run by scripts/lighthouse/run.mjs in one Chromium for all pages, the Chromium and flags of the
tests (tooling/browser.py), against the site served gzipped as a static host serves it. Scores are
reported, never asserted (they move with the machine's load; tests/browser/test_budgets.py asserts
what does not). The audits stop after LIGHTHOUSE_SECONDS (or --lighthouse-seconds N; 0 for no
limit), naming the pages left, so that CI keeps its time. Without node or the installed package the scores are skipped with a line saying so,
except under CI=true, where that fails, as a page Lighthouse cannot audit always does.
--no-lighthouse leaves them out.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from tooling.browser import CHROMIUM, CHROMIUM_ARGS, Browser, Server, browser_missing
from tooling.mermaid import diagram_count
from tooling.pages import build
from tooling.repo import ROOT, languages, page_pairs, url_dir
from tooling.weight import floor_config, own_content, page_total, transfer


def measure(browser: Browser, site: Path, path: str) -> dict[str, int]:
    server = Server(site)
    try:
        # The index is still requested and counted (from its file on disk); only the worker's
        # indexing of it, which costs CPU and no bytes, is skipped.
        page, visit = browser.load(server.base + path, server.base, search_index=False)
        page.context.close()
        return transfer(site, server.base, visit.requests)
    finally:
        server.close()


def recorded(folder: Path | None, name: str) -> dict[str, int] | None:
    """The sizes the browser tests measured for `name`, if they wrote them to `folder`."""
    file = folder / f"{name}.json" if folder else None
    return json.loads(file.read_text(encoding="utf-8")) if file and file.is_file() else None


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[1], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--site",
        type=Path,
        default=ROOT / "site",
        metavar="DIR",
        help="the built site (default site/, built if missing)",
    )
    parser.add_argument("--test-seconds", type=float, metavar="N", help="a test time measured elsewhere, to report")
    parser.add_argument("--weights", type=Path, metavar="DIR", help="sizes the browser tests measured (.weights/)")
    parser.add_argument("--no-lighthouse", action="store_true", help="bytes only, no Lighthouse scores")
    parser.add_argument(
        "--lighthouse-seconds",
        type=float,
        default=LIGHTHOUSE_SECONDS,
        metavar="N",
        help=f"audit no page after N seconds (default {LIGHTHOUSE_SECONDS}; 0: every page, about 6 s each)",
    )
    args = parser.parse_args()
    missing = browser_missing()
    if missing:
        print(f"benchmark needs the browser: {missing}")
        return 1
    built_in = None
    if not (args.site / "index.html").is_file():
        started = time.perf_counter()
        result = build(ROOT / "mkdocs.yml", args.site)
        built_in = time.perf_counter() - started
        assert result.returncode == 0, result.stderr
    browser = Browser()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            floor_site = Path(tmp) / "site"
            result = build(floor_config(Path(tmp), args.site), floor_site)
            assert result.returncode == 0, result.stderr
            floor_sizes = recorded(args.weights, "floor") or measure(browser, floor_site, "")
        rows = [("blank Material page (floor)", None, floor_sizes, 0, 0)]
        for name, pages in sorted(page_pairs().items()):
            for lang in languages():
                path = url_dir(name, lang)
                html = (args.site / path / "index.html").read_text(encoding="utf-8")
                rows.append(
                    (
                        f"{lang}: {name}",
                        path,
                        recorded(args.weights, f"{lang}-{name}") or measure(browser, args.site, path),
                        own_content(html),
                        diagram_count(pages[lang]),
                    )
                )
    finally:
        browser.close()
    lighthouse = {}
    lighthouse_problem = None
    if not args.no_lighthouse:
        lighthouse_problem = lighthouse_missing()
        if not lighthouse_problem:
            started = time.perf_counter()
            # Heaviest first: if time runs out, the pages left are the light ones.
            paths = sorted(
                (path for _, path, *_ in rows[1:]), key=lambda p: -(args.site / p / "index.html").stat().st_size
            )
            lighthouse = run_lighthouse(args.site, paths, args.lighthouse_seconds)
            lighthouse_took = time.perf_counter() - started
    floor = page_total(floor_sizes)
    print(
        f"\n{'page':34} {'html':>7} {'theme':>7} {'own':>6} {'total':>8} {'x floor':>7} {'content':>8} {'diagrams':>8} {'search idx':>10}"
        f" {'score':>5} {'TBT ms':>6} {'DOM':>5} {'SEO':>4}"
    )
    for label, path, sizes, content, diagrams in rows:
        total = page_total(sizes)
        audit = lighthouse.get(path, {})
        scores = audit.get("scores", {})
        print(
            f"{label:34} {sizes['html']:>7} {sizes['theme']:>7} {sizes['own']:>6} {total:>8} "
            f"{total / floor:>7.2f} {content:>8} {diagrams:>8} {sizes['search index']:>10}"
            f" {scores.get('performance', ''):>5} {audit.get('tbt', ''):>6} {audit.get('dom', ''):>5} {scores.get('seo', ''):>4}"
        )
    print(
        "bytes, gzip -9; total = everything the page loads except its language's search index (cached after the first page)"
    )
    status = 0
    if lighthouse:
        print(
            f"score, TBT (total blocking time), DOM (elements), SEO: Lighthouse {lighthouse_version()} mobile, "
            f"{sum('scores' in audit for audit in lighthouse.values())} pages in {lighthouse_took:.0f} s; reported, not asserted"
        )
        skipped = [f"/{path}" for path, audit in lighthouse.items() if audit.get("skipped")]
        if skipped:
            print(
                f"lighthouse: {len(skipped)} pages not audited within {args.lighthouse_seconds:.0f} s: {' '.join(skipped)}"
            )
        for path, audit in lighthouse.items():
            if "error" in audit:
                print(f"lighthouse: /{path} could not be audited: {audit['error']}")
                status = 1
            elif audit.get("failed"):
                print(f"lighthouse: /{path} loses points on: {', '.join(audit['failed'])}")
    elif lighthouse_problem:
        print(f"lighthouse: skipped: {lighthouse_problem}")
        if os.environ.get("CI"):
            print("lighthouse: CI needs the scores (CI is set)")
            status = 1
    if built_in is not None:
        print(f"build: mkdocs build --strict took {built_in:.1f} s")
    if args.test_seconds is not None:
        print(f"tests: the test suite took {args.test_seconds:.0f} s")
    return status


# Lighthouse, pinned in package-lock.json, and its runner (run.mjs).
LIGHTHOUSE = ROOT / "scripts" / "lighthouse"
CATEGORIES = ["performance", "seo"]
# .ci/run must end within 15 minutes: pages still waiting when this much time has passed are listed
# as not audited, not audited late. 45 s reaches the six heaviest pages: the three with the most HTML,
# in both languages, where the scores are lowest. Two audits at once would take less time but, sharing
# 2 cores, report blocking times about twice as long (measured), so they run one after another.
LIGHTHOUSE_SECONDS = 45
# Lighthouse waits 1 s after first paint, after load, and for quiet network and CPU; a page of ours
# has done its work by the load event (Material mounts its components on DOMContentLoaded, the
# search worker indexes off the main thread), so a quarter of that is enough, and the blank page
# Lighthouse loads between two audits is skipped.
QUIET = {
    "skipAboutBlank": True,
    "pauseAfterFcpMs": 250,
    "pauseAfterLoadMs": 250,
    "networkQuietThresholdMs": 250,
    "cpuQuietThresholdMs": 250,
}
# What a static host compresses (GitHub Pages gzips these types).
COMPRESSED = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".ipynb"}


def lighthouse_missing() -> str | None:
    """Why Lighthouse cannot run here, or None."""
    if not shutil.which("node"):
        return "node is not on PATH (apt-get install -y nodejs npm)"
    if not (LIGHTHOUSE / "node_modules" / "lighthouse" / "package.json").is_file():
        return f"Lighthouse is not installed (cd {LIGHTHOUSE.relative_to(ROOT)} && npm ci)"
    return None


def lighthouse_version() -> str:
    return json.loads((LIGHTHOUSE / "node_modules" / "lighthouse" / "package.json").read_text())["version"]


class _Gzipped(http.server.SimpleHTTPRequestHandler):
    """Text files gzipped, everything else as is: what a static host sends."""

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        if path.suffix not in COMPRESSED or not path.is_file() or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().send_head()  # directories without their slash are redirected here
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def run_lighthouse(site: Path, paths: list[str], seconds: float) -> dict[str, dict]:
    """{path: run.mjs's result} for every page, audited one after another in one Chromium; none
    started after `seconds` (0: no limit)."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Gzipped, directory=str(site)))
    base = f"http://127.0.0.1:{httpd.server_port}/"
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            config = Path(tmp) / "config.json"
            config.write_text(
                json.dumps(
                    {
                        "chrome": str(CHROMIUM),
                        "flags": CHROMIUM_ARGS,
                        "urls": [base + path for path in paths],
                        "categories": CATEGORIES,
                        "seconds": seconds,
                        "settings": QUIET,
                    }
                ),
                encoding="utf-8",
            )
            result = subprocess.run(
                ["node", LIGHTHOUSE / "run.mjs", config],
                capture_output=True,
                text=True,
                timeout=(seconds or 30 * len(paths)) + 120,  # the last page started in time, and Chromium's start
                check=False,
            )
    finally:
        httpd.shutdown()
        httpd.server_close()
    audits = {}
    for line in result.stdout.splitlines():
        audit = json.loads(line)
        audits[audit["url"].removeprefix(base)] = audit
    for path in paths:
        audits.setdefault(
            path, {"error": f"run.mjs gave no result (exit {result.returncode}): {result.stderr.strip()[-300:]}"}
        )
    return audits


if __name__ == "__main__":
    sys.exit(main())
