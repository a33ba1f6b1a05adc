"""Material's search box, typed into as a reader would: Korean queries with their particles,
Korean mixed with API names, and English."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tooling.browser import search_results
from tooling.repo import default_language, languages, page_pairs, url_dir

PAIRS = page_pairs()
# (query, page it must find among the first three of the reader's language, language searched from)
SEARCHES = [
    ("session", "session.md", "ko"),  # an English word on a Korean page finds Korean pages only
    ("커밋하면", "object-states.md", "ko"),
    ("세션을 스레드마다", "session.md", "ko"),
    ("트랜잭션의 범위를", "session.md", "ko"),
    ("엔진을", "engine.md", "ko"),
    ("커넥션을 반납", "engine.md", "ko"),
    ("만료된 객체", "object-states.md", "ko"),
    ("sessionmaker 옵션", "session.md", "ko"),
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
    hrefs = search_results(page, query)
    page.context.close()
    return [urlsplit(h).path for h in hrefs], visit


def in_language(path: str, lang: str) -> bool:
    """Whether a site path belongs to the language's pages."""
    others = [other for other in languages() if other != lang and other != default_language()]
    if lang == default_language():
        return not any(path.startswith("/" + url_dir("index.md", other)) for other in languages() if other != lang)
    return path.startswith("/" + url_dir("index.md", lang)) and not any(path.startswith(f"/{o}/") for o in others)


@pytest.mark.parametrize("query, name, lang", SEARCHES)
def test_search_finds_the_right_page_in_the_readers_language(browser, served, query, name, lang):
    results, visit = search(browser, served, lang, query)
    expected = "/" + url_dir(name, lang)
    assert results, f"{query!r}: no results"
    # One index per language (hooks/search_per_language.py): every result is in the reader's
    # language, and the page is among the first three: what the first screen of results shows.
    strangers = [r for r in results if not in_language(r, lang)]
    assert not strangers, f"{query!r} ({lang}): results in another language: {strangers[:5]}"
    pages = list(dict.fromkeys(results))
    assert expected in pages[:3], f"{query!r} ({lang}): {expected} not in the first three pages: {pages[:5]}"
    assert not visit.problems, visit.problems


def test_search_results_waits_for_the_answer_to_its_own_query(browser, served):
    """The search driver (tooling.browser.search_results) returns the answer to the query it typed,
    not the list still shown from the one before, and fails, naming the query, when no answer
    comes (here: the search index never arrives)."""
    page, _ = browser.load(served.base, served.base)
    assert search_results(page, "session"), "no results for 'session'"
    assert search_results(page, "zqxjzqxj") == [], "a query that matches nothing returned the previous results"
    page.context.close()
    page, _ = browser.open(served.base, served.base)
    page.route("**/search/search_index*.json", lambda route: route.abort())
    page.goto(served.base)
    with pytest.raises(AssertionError, match="did not answer 'session'"):
        search_results(page, "session", timeout=3000)
    page.context.close()
