"""Material's search box, typed into as a reader would: Korean queries with their particles,
Korean mixed with API names, and English."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from helpers import default_language, page_pairs, url_dir

PAIRS = page_pairs()
# (query, page it must find among the first three of the reader's language, language searched from)
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


def search(browser, served, lang: str, query: str):
    """Type a query into the search box of the language's home page; the result pages, best
    first, as site paths."""
    url = served.base + url_dir("index.md", lang)
    page, visit = browser.load(url, served.base)
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
def test_search_finds_the_right_page(browser, served, query, name, lang):
    results, visit = search(browser, served, lang, query)
    expected = "/" + url_dir(name, lang)
    assert results, f"{query!r}: no results"
    # One index serves both languages (mkdocs-static-i18n merges them), so English words also
    # match Korean pages, which name the same APIs. The page must be among the first three
    # pages of the reader's language: what the first screen of results shows.
    prefix = "/" + url_dir("index.md", lang)
    in_language = [r for r in results if (r.startswith(prefix) if lang != default_language() else not any(
        r.startswith("/" + url_dir("index.md", other)) for other in PAIRS["index.md"] if other != lang))]
    pages = list(dict.fromkeys(in_language))
    assert expected in pages[:3], f"{query!r} ({lang}): {expected} not in the first three pages: {pages[:5]}"
    assert not visit.problems, visit.problems
