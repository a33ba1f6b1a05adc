"""Weight and speed of the site, as a table: `python tests/benchmark.py`.

For a Markdown page, a notebook page and the home page, and for a blank Material page built with
the same theme (the floor): the gzipped size of the HTML plus every asset the page loads in a real
Chromium, split into the page's HTML, the theme's assets, the site's own assets (extra.css,
site.js), Mermaid (loaded only on pages with a diagram) and the search index (one file for the
whole site, fetched by the search worker on the first page and cached). Then the build time and
the test time. Sizes are deterministic (gzip level 9 of the built files); seconds are reported,
never asserted. tests/test_browser.py asserts the budgets on the same numbers.

Options: --test-seconds N reports a test time measured elsewhere (.ci/run passes its own);
without it the script runs `python -m pytest -q` and times it.
"""

from __future__ import annotations

import gzip
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))

from conftest import ROOT, build  # noqa: E402

SEARCH_INDEX = "search/search_index.json"
MERMAID = "assets/javascripts/mermaid.min.js"
OWN_ASSETS = ("assets/stylesheets/extra.css", "assets/javascripts/site.js")


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def floor_config(folder: Path) -> Path:
    """A one-page site with the real theme settings (palette, features, language, no fonts) and the
    same search languages (Korean search loads lunr.ko), but none of the site's own templates,
    CSS, JavaScript or other plugins."""
    real = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    theme = re.search(r"^theme:\n(?:(?:  .*)?\n)+", real, re.M)[0]
    theme = re.sub(r"^  custom_dir: .*\n", "", theme, flags=re.M)
    (folder / "docs").mkdir(parents=True, exist_ok=True)
    (folder / "docs" / "index.md").write_text("# Blank\n", encoding="utf-8")
    config = folder / "mkdocs.yml"
    config.write_text(f"site_name: floor\nsite_url: http://127.0.0.1:8000/\n{theme}\nplugins:\n  - search:\n      lang: [en, ko]\n", encoding="utf-8")
    return config


def transfer(site: Path, base: str, urls: list[str]) -> dict[str, int]:
    """Gzipped bytes of everything a page loaded from our server, by kind."""
    sizes = {"html": 0, "theme": 0, "own": 0, "mermaid": 0, "search index": 0}
    seen = set()
    for url in urls:
        if not url.startswith(base):
            continue
        path = urlsplit(url).path.lstrip("/")
        if path in seen:
            continue
        seen.add(path)
        file = site / path
        if file.is_dir() or path == "" or path.endswith("/"):
            file = file / "index.html"
        if not file.is_file():
            continue
        size = gz(file.read_bytes())
        if file.name == "index.html":
            kind = "html"
        elif path.endswith(SEARCH_INDEX):
            kind = "search index"
        elif path.endswith(MERMAID):
            kind = "mermaid"
        elif path.endswith(OWN_ASSETS):
            kind = "own"
        else:
            kind = "theme"
        sizes[kind] += size
    return sizes


def page_total(sizes: dict[str, int]) -> int:
    """What a page costs on its own: everything but the site-wide search index."""
    return sum(v for k, v in sizes.items() if k != "search index")


def own_content(html: str) -> int:
    """Gzipped bytes of what the page itself says: the article, the two sidebars (the site's
    navigation and the page's table of contents), its language links and its previous/next
    footer; what a one-page blank site has none of."""
    parts = re.findall(r'<article class="md-content__inner.*?</article>|<div class="md-sidebar md-sidebar--(?:primary|secondary)".*?</nav>\s*</div>\s*</div>\s*</div>'
                       r'|<div class="md-select__inner">.*?</div>|<nav class="md-footer__inner.*?</nav>', html, re.S)
    return gz("".join(parts).encode("utf-8"))


def main(argv: list[str]) -> int:
    from test_browser import Driver, browser_missing, diagram_count, url_dir, PAIRS

    missing = browser_missing()
    if missing:
        print(f"benchmark needs the browser: {missing}")
        return 1
    test_seconds = None
    if "--test-seconds" in argv:
        test_seconds = float(argv[argv.index("--test-seconds") + 1])
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        started = time.perf_counter()
        result = build(ROOT / "mkdocs.yml", tmp / "site")
        build_seconds = time.perf_counter() - started
        assert result.returncode == 0, result.stderr
        floor = floor_config(tmp / "floor")
        assert build(floor, tmp / "floor-site").returncode == 0

        markdown = [n for n in PAIRS if n.endswith(".md") and n != "index.md"]
        md = max(markdown, key=lambda n: PAIRS[n]["ko"].stat().st_size)
        notebooks = [n for n in PAIRS if n.endswith(".ipynb")]
        rows = [("blank Material page (floor)", None, "")]
        rows += [("home", "index.md", "ko"), (f"Markdown: {md}", md, "ko")]
        rows += [(f"notebook: {n}", n, "ko") for n in notebooks[:1]]
        table = []
        for label, name, lang in rows:
            site = tmp / ("floor-site" if name is None else "site")
            driver = Driver(site)
            try:
                url = driver.base + ("" if name is None else url_dir(name, lang))
                page, visit = driver.open(url)
                driver.goto(page, url)
                page.context.close()
                sizes = transfer(site, driver.base, visit.requests)
            finally:
                driver.close()
            html = (site / ("" if name is None else url_dir(name, lang)) / "index.html").read_text(encoding="utf-8")
            table.append((label, sizes, own_content(html), diagram_count(PAIRS[name][lang]) if name else 0))

    floor = page_total(table[0][1])
    print()
    print(f"{'page (ko)':40} {'html':>7} {'theme':>7} {'own':>6} {'mermaid':>8} {'total':>8} {'x floor':>7} {'content':>8} {'search idx':>10}")
    for label, sizes, content, diagrams in table:
        total = page_total(sizes)
        print(f"{label:40} {sizes['html']:>7} {sizes['theme']:>7} {sizes['own']:>6} {sizes['mermaid']:>8} {total:>8} {total / floor:>7.2f} {content:>8} {sizes['search index']:>10}")
    print("bytes, gzip -9; total = everything the page loads except the site-wide search index (cached after the first page)")
    print(f"build: mkdocs build --strict took {build_seconds:.1f} s")
    if test_seconds is None:
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"], cwd=ROOT, check=False,
                       stdout=subprocess.DEVNULL)
        test_seconds = time.perf_counter() - started
    print(f"tests: the test suite took {test_seconds:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
