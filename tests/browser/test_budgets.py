"""Page weight in bytes (never seconds): every page against a blank Material page built with the
same theme (the floor). See scripts/benchmark.py for the table."""

from __future__ import annotations

import pytest

from helpers import (
    build,
    default_language,
    diagram_count,
    floor_config,
    own_content,
    page_pairs,
    page_total,
    transfer,
    url_dir,
)

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
@pytest.mark.parametrize("lang", [default_language()])
def test_page_weight_within_budget(desktop, served, floor, name, lang):
    """Markdown pages: no more above the floor than their own content (article and sidebars,
    gzipped alone). The site's own extra.css and site.js (shared, cached) and Mermaid (only on
    pages with a diagram; about 1 MB gzipped) have their own columns and limits. Notebook pages:
    at most 1.5 times the floor."""
    sizes = transfer(served.directory, served.base, desktop.requests)
    total = page_total(sizes)
    html = (served.directory / url_dir(name, lang) / "index.html").read_text(encoding="utf-8")
    assert sizes["own"] <= 4096, f"extra.css + site.js weigh {sizes['own']} bytes gzipped"
    assert (sizes["mermaid"] > 0) == (diagram_count(PAIRS[name][lang]) > 0), f"{desktop.url}: Mermaid loaded {sizes['mermaid']} bytes"
    if name.endswith(".ipynb"):
        assert total <= 1.5 * floor, f"{desktop.url}: {total} bytes, more than 1.5 x the floor ({floor})"
    else:
        excess = total - floor - sizes["own"] - sizes["mermaid"]
        content = own_content(html)
        assert excess <= content, f"{desktop.url}: {excess} bytes above the floor ({floor}) for {content} bytes of content: {sizes}"
