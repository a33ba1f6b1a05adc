"""Page weight in bytes (never seconds): every page in every language against a blank Material page
built with the same theme (the floor). See scripts/benchmark.py for the table."""

from __future__ import annotations

import pytest
from tooling.pages import build
from tooling.repo import languages, page_pairs
from tooling.weight import floor_config, page_total, transfer

PAIRS = page_pairs()


@pytest.fixture(scope="module")
def floor(browser, tmp_path_factory) -> int:
    """Bytes a blank Material page with the same theme loads."""
    from browser.driver import Server

    folder = tmp_path_factory.mktemp("floor")
    assert build(floor_config(folder), folder / "site").returncode == 0
    server = Server(folder / "site")
    try:
        page, visit = browser.load(server.base, server.base)
        page.context.close()
    finally:
        server.close()
    return page_total(transfer(folder / "site", server.base, visit.requests))


@pytest.mark.parametrize("name", sorted(PAIRS))
@pytest.mark.parametrize("lang", languages())
def test_page_weight_within_budget(desktop, served, floor, name, lang):
    """Every page, HTML and every asset it loads (not the search index, one per language and
    cached): at most 1.5 times the floor, gzipped. The site's own extra.css and site.js stay small,
    and no page loads Mermaid (its diagrams are drawn before the reader arrives)."""
    sizes = transfer(served.directory, served.base, desktop.requests)
    total = page_total(sizes)
    assert sizes["own"] <= 4096, f"extra.css + site.js weigh {sizes['own']} bytes gzipped"
    assert sizes["mermaid"] == 0, f"{desktop.url} loads Mermaid ({sizes['mermaid']} bytes)"
    assert total <= 1.5 * floor, f"{desktop.url}: {total} bytes, {total / floor:.2f} x the floor ({floor}): {sizes}"
