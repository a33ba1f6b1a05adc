"""Budgets that hold without noise. Page weight in bytes (never seconds): every page in every
language against a blank Material page built with the same theme (the floor); each measurement is
also written to .weights/ (git-ignored), from which scripts/benchmark.py --weights prints its table
without loading every page again. Elements per page, counted on the shared desktop visit. And no
long task on a phone with a 4x slower CPU, on the longest page of each language, from the first
byte until the reader has scrolled to the end. The README's "Benchmark" section says how the
limits were chosen; Lighthouse's scores themselves are reported by scripts/benchmark.py, not
asserted."""

from __future__ import annotations

import json
import shutil

import pytest

from tooling.browser import Server, scroll_through
from tooling.pages import build
from tooling.repo import ROOT, languages, page_pairs, url_dir
from tooling.runs import once_per_run
from tooling.weight import floor_config, page_total, transfer

PAIRS = page_pairs()
WEIGHTS = ROOT / ".weights"


def record(name: str, sizes: dict[str, int]) -> None:
    WEIGHTS.mkdir(exist_ok=True)
    (WEIGHTS / f"{name}.json").write_text(json.dumps(sizes), encoding="utf-8")


@pytest.fixture(scope="module")
def floor(browser, served, tmp_path_factory) -> int:
    """Bytes a blank Material page with the same theme and search languages loads."""
    once_per_run(tmp_path_factory, "weights", lambda: shutil.rmtree(WEIGHTS, ignore_errors=True))
    folder = tmp_path_factory.mktemp("floor")
    result = build(floor_config(folder, served.directory), folder / "site")
    assert result.returncode == 0, f"the floor's build failed:\n{result.stderr}"
    server = Server(folder / "site")
    try:
        page, visit = browser.load(server.base, server.base)
        page.context.close()
    finally:
        server.close()
    sizes = transfer(folder / "site", server.base, visit.requests)
    record("floor", sizes)
    return page_total(sizes)


@pytest.mark.parametrize("name", sorted(PAIRS))
@pytest.mark.parametrize("lang", languages())
def test_page_weight_within_budget(desktop, served, floor, name, lang):
    """Every page, HTML and every asset it loads (not the search index, one per language and
    cached): at most 1.5 times the floor, gzipped. The site's own extra.css and site.js stay small.
    (No page loads Mermaid: tests/test_site.py finds no diagram left to draw, and a request to
    Material's Mermaid CDN would leave 127.0.0.1, which tests/browser/test_visits.py forbids.)"""
    sizes = transfer(served.directory, served.base, desktop.requests)
    record(f"{lang}-{name}", sizes)
    total = page_total(sizes)
    assert sizes["own"] <= 4096, f"extra.css + site.js weigh {sizes['own']} bytes gzipped"
    assert total <= 1.5 * floor, f"{desktop.url}: {total} bytes, {total / floor:.2f} x the floor ({floor}): {sizes}"


# The longest page today (postgres-transactions) has about 7,100 elements; without hooks/lean_code.py
# it would have about a third more. Lighthouse calls more than 1,400 excessive, which a long chapter
# of code cannot meet.
MAX_ELEMENTS = 8000


@pytest.mark.parametrize("name", sorted(PAIRS))
@pytest.mark.parametrize("lang", languages())
def test_page_elements_within_budget(desktop, name, lang):
    """Every element is styled and laid out at load (and checked by axe-core): a page may not grow
    past MAX_ELEMENTS (counted on the desktop visit, after load)."""
    assert desktop.facts["elements"] <= MAX_ELEMENTS, (
        f"{desktop.url}: {desktop.facts['elements']} elements, more than {MAX_ELEMENTS}: split the page, "
        "or find what adds elements"
    )


# Lighthouse's mobile preset runs the CPU 4 times slower than the machine's: the same slowdown,
# through the Chrome DevTools Protocol. Long animation frames (the successor of the longtask entry,
# which cannot say what a task ran) name each script that ran in them and how long it took, with
# the style and layout it forced. The budget is for scripts that a listener or callback ran:
# Material mounting components on DOMContentLoaded and, with content.lazy, as blocks come into
# view, and site.js. The first style and layout of the page, forced by the evaluation of Material's
# bundle, grows with the page's elements (MAX_ELEMENTS) and with the machine's load, and is left out.
CPU_SLOWDOWN = 4
SCRIPT_BUDGET_MS = 1000
HANDLERS = ("event-listener", "user-callback", "resolve-promise", "reject-promise")
OBSERVE_SCRIPTS = """window.__scripts = [];
new PerformanceObserver(list => { for (const frame of list.getEntries()) for (const s of frame.scripts)
  window.__scripts.push({invoker: s.invoker, type: s.invokerType, ms: Math.round(s.duration), forced: Math.round(s.forcedStyleAndLayoutDuration)}) })
  .observe({type: 'long-animation-frame', buffered: true});"""


def slow_phone_scripts(browser, url: str, base: str) -> list[dict]:
    """The scripts that listeners and callbacks ran for over 50 ms in one load of `url` on a phone
    with a slow CPU and a scroll to its end, longest first."""
    page, visit = browser.open(url, base, viewport="phone", init_script=OBSERVE_SCRIPTS, search_index=False)
    try:
        page.context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
        page.goto(url, wait_until="load")
        scroll_through(page)  # a reader after the load event: Material mounts each block in view
        page.wait_for_timeout(100)
        scripts = page.evaluate("window.__scripts")
    finally:
        page.context.close()
    assert not visit.problems, f"{url}: {visit.problems}"
    return sorted((s for s in scripts if s["type"] in HANDLERS), key=lambda s: -s["ms"])


@pytest.mark.parametrize("lang", languages())
def test_no_long_script_on_a_slow_phone(browser, served, lang):
    """The longest page of the language (the most bytes of HTML) on a phone with a 4x slower CPU,
    from loading to the end of a scroll through the whole page: no listener or callback runs for
    more than SCRIPT_BUDGET_MS at once, forced style and layout included. A busy machine only
    ever lengthens them, so a page over budget is loaded once more, and the better load counts."""
    name = max(PAIRS, key=lambda n: (served.directory / url_dir(n, lang) / "index.html").stat().st_size)
    url = served.base + url_dir(name, lang)
    scripts = slow_phone_scripts(browser, url, served.base)
    if scripts and scripts[0]["ms"] > SCRIPT_BUDGET_MS:
        scripts = min(scripts, slow_phone_scripts(browser, url, served.base), key=lambda s: s[0]["ms"] if s else 0)
    assert not scripts or scripts[0]["ms"] <= SCRIPT_BUDGET_MS, (
        f"{url}, on a {CPU_SLOWDOWN}x slower CPU, in each of two loads: a script ran for {scripts[0]['ms']} ms at once "
        f"(budget {SCRIPT_BUDGET_MS} ms). Longest: {scripts[:5]}"
    )
