"""The copy button on every code block copies exactly the code on the page: for a whole snippet,
the file itself, which tests/test_snippets.py runs as a reader runs a copy (`python snippet.py` in
a new process, printing what its `#>` lines say). What each button copies is read during the
page's desktop visit (tooling/copy_button.py, through the `desktop` fixture).
"""

from __future__ import annotations

import re

import pytest

from tooling.pages import code_blocks
from tooling.repo import languages, page_pairs
from tooling.snippets import parse_needs

PAIRS = page_pairs()
# Material's copy drops an annotation marker `# (1)!` but keeps the spaces before it.
ANNOTATION = re.compile(r"#\s*\(\d+\)!?[ \t]*$", re.MULTILINE)


@pytest.mark.parametrize("name, lang", [(n, lang) for n in sorted(PAIRS) if n.endswith(".md") for lang in languages()])
def test_copy_button_copies_the_snippet(desktop, name, lang):
    blocks = [b for b in code_blocks(PAIRS[name][lang]) if not b["info"].startswith("mermaid")]
    if not blocks:
        pytest.skip(f"{name} has no code blocks")
    url, copied, pressed = desktop.url, desktop.facts["copy"]["copied"], desktop.facts["copy"]["pressed"]
    assert len(copied) == len(blocks), f"{url}: {len(copied)} copy buttons for {len(blocks)} code blocks"
    # The first block's button, pressed as a reader presses it, copies what the others were read as.
    assert pressed == copied[0], f"{url}: the first copy button copies something other than its code block"
    for block, text in zip(blocks, copied):
        what = block["include"] or "inline block"
        # Material's copy drops the annotation markers and the final newline; nothing else.
        assert text + "\n" == ANNOTATION.sub("", block["text"]).rstrip() + "\n", (
            f"{url}: the copy button on {what} copies something else"
        )
    # What a whole file copies is that file, which tests/test_snippets.py runs as a reader does
    # (`python snippet.py` in a new process); its first line, as copied, declares what it needs.
    for block, text in zip(blocks, copied):
        if block["whole_file"]:
            parse_needs(text, f"{url}: the copied {block['include']}")
