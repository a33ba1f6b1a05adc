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
--lighthouse PATH (or `lighthouse` on PATH, from the npm package) adds Lighthouse's mobile scores
for one page of each kind, run against the same Chromium with the same flags as the tests
(tooling/browser.py): reported, never asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
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
    parser.add_argument(
        "--lighthouse",
        default=shutil.which("lighthouse"),
        metavar="PATH",
        help="Lighthouse, for mobile scores of one page of each kind (default: `lighthouse` on PATH)",
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
        rows = [("blank Material page (floor)", floor_sizes, 0, 0)]
        for name, pages in sorted(page_pairs().items()):
            for lang in languages():
                path = url_dir(name, lang)
                html = (args.site / path / "index.html").read_text(encoding="utf-8")
                rows.append(
                    (
                        f"{lang}: {name}",
                        recorded(args.weights, f"{lang}-{name}") or measure(browser, args.site, path),
                        own_content(html),
                        diagram_count(pages[lang]),
                    )
                )
    finally:
        browser.close()
    floor = page_total(floor_sizes)
    print(
        f"\n{'page':34} {'html':>7} {'theme':>7} {'own':>6} {'total':>8} {'x floor':>7} {'content':>8} {'diagrams':>8} {'search idx':>10}"
    )
    for label, sizes, content, diagrams in rows:
        total = page_total(sizes)
        print(
            f"{label:34} {sizes['html']:>7} {sizes['theme']:>7} {sizes['own']:>6} {total:>8} "
            f"{total / floor:>7.2f} {content:>8} {diagrams:>8} {sizes['search index']:>10}"
        )
    print(
        "bytes, gzip -9; total = everything the page loads except its language's search index (cached after the first page)"
    )
    if args.lighthouse:
        print_lighthouse(args.lighthouse, args.site)
    else:
        print("lighthouse: not installed here (npm install lighthouse; pass --lighthouse PATH)")
    if built_in is not None:
        print(f"build: mkdocs build --strict took {built_in:.1f} s")
    if args.test_seconds is not None:
        print(f"tests: the test suite took {args.test_seconds:.0f} s")
    return 0


# One page of each kind: the home page, chapters with and without a diagram, the notebook.
LIGHTHOUSE_PAGES = ["", "session/", "en/object-states/", "object-states-lab/", "en/glossary/", "en/postgres/"]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]


def print_lighthouse(lighthouse: str, site: Path) -> None:
    server = Server(site)
    print(f"\nlighthouse (mobile) {' '.join(CATEGORIES)}")
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for path in LIGHTHOUSE_PAGES:
                report = Path(tmp) / "report.json"
                result = subprocess.run(
                    [
                        lighthouse,
                        server.base + path,
                        "--quiet",
                        "--output=json",
                        f"--output-path={report}",
                        f"--only-categories={','.join(CATEGORIES)}",
                        f"--chrome-flags={' '.join(CHROMIUM_ARGS)}",
                    ],
                    capture_output=True,
                    text=True,
                    timeout=300,
                    check=False,
                    env={**os.environ, "CHROME_PATH": str(CHROMIUM)},
                )
                if result.returncode or not report.exists():
                    print(f"/{path:30} lighthouse failed: {result.stderr.strip()[-300:]}")
                    continue
                data = json.loads(report.read_text(encoding="utf-8"))
                scores = [round(100 * data["categories"][c]["score"]) for c in CATEGORIES]
                tbt = data["audits"]["total-blocking-time"]["numericValue"]
                print(f"/{path:30} " + " ".join(f"{s:>4}" for s in scores) + f"   TBT {tbt:.0f} ms")
    finally:
        server.close()


if __name__ == "__main__":
    sys.exit(main())
