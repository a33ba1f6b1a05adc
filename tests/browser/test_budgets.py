"""Page weight in bytes (never seconds): every page in every language against a blank Material page
built with the same theme (the floor). Each measurement is also written to .weights/ (git-ignored),
from which scripts/benchmark.py --weights prints its table without loading every page again."""

from __future__ import annotations

import json
import shutil

import pytest

from tooling.browser import Server
from tooling.pages import build
from tooling.repo import ROOT, languages, page_pairs
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
