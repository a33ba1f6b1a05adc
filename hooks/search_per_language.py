"""One search index per language.

mkdocs-static-i18n builds every language and then writes one search index for all of them, so a
Korean page's search also lists English pages. After the last language is built, this hook splits
site/search/search_index.json into search_index.<language>.json, one per language, each with
that language's pages only; overrides/partials/search-index-request.html points Material's request
for the index at the page's own language. It reads the i18n plugin's internals (whether it is inside its own loop of
language builds, which languages it builds), so it refuses, as a build error, i18n releases it was
not written for (tooling/plugins.py).
"""

import json
from pathlib import Path

from mkdocs.plugins import event_priority

from tooling.plugins import written_for


def on_config(config):
    written_for(
        "hooks/search_per_language.py",
        {"mkdocs-static-i18n": "==1.3.*"},
        "each language's search still finds its own pages only (tests/browser/test_search.py)",
    )
    return config


@event_priority(-200)  # after the i18n plugin (-100) has built every language
def on_post_build(config):
    i18n = config.plugins["i18n"]
    if i18n.building:  # a language build inside the i18n plugin's own loop
        return
    folder = Path(config.site_dir) / "search"
    combined = json.loads((folder / "search_index.json").read_text(encoding="utf-8"))
    prefixes = {lang: f"{lang}/" for lang in i18n.build_languages if lang != i18n.default_language}
    for lang in i18n.build_languages:
        if lang == i18n.default_language:
            docs = [d for d in combined["docs"] if not d["location"].startswith(tuple(prefixes.values()))]
        else:
            docs = [d for d in combined["docs"] if d["location"].startswith(prefixes[lang])]
        index = {**combined, "docs": docs}
        (folder / f"search_index.{lang}.json").write_text(
            json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
        )
    (folder / "search_index.json").unlink()
