"""The copy button on every code block copies exactly the code on the page: for a whole snippet,
the file itself, which tests/test_snippets.py runs as a reader runs a copy (`python snippet.py` in
a new process, printing what its `#>` lines say).

Material's copy button copies what its `copy_text` below computes: the code element's `innerText`
while the element carries `data-md-copying` (Material's CSS then hides the annotation markers),
without trailing white space. The test reads that for every block of a page in one pass, and
presses the button of the page's first block to show that the button copies the same text to the
clipboard.
"""

from __future__ import annotations

import re

import pytest

from tooling.pages import code_blocks
from tooling.repo import languages, page_pairs, url_dir
from tooling.snippets import parse_needs

PAIRS = page_pairs()
# Material's copy drops an annotation marker `# (1)!` but keeps the spaces before it.
ANNOTATION = re.compile(r"#\s*\(\d+\)!?[ \t]*$", re.MULTILINE)
# What Material's copy button copies from each code block of the article (its clipboard handler,
# `hs` in Material 9.8's bundle): a block in a content tab is laid out, and so has an innerText,
# only while its tab is selected.
SHOW_TAB = """button => {
  const block = button.closest('.tabbed-block');
  if (!block) return;
  const index = [...block.parentElement.children].indexOf(block);
  block.closest('.tabbed-set').querySelectorAll(':scope > input')[index].click();
}"""
COPY_TEXTS = f"""() => [...document.querySelectorAll('article .highlight button.md-code__button[data-md-type=copy]')].map(button => {{
  ({SHOW_TAB})(button);
  const code = document.querySelector(button.getAttribute('data-clipboard-target'));
  code.setAttribute('data-md-copying', '');
  const text = code.innerText;
  code.removeAttribute('data-md-copying');
  return text.trimEnd();
}})"""


@pytest.mark.parametrize("name, lang", [(n, lang) for n in sorted(PAIRS) if n.endswith(".md") for lang in languages()])
def test_copy_button_copies_the_snippet(browser, served, name, lang):
    blocks = [b for b in code_blocks(PAIRS[name][lang]) if not b["info"].startswith("mermaid")]
    if not blocks:
        pytest.skip(f"{name} has no code blocks")
    url = served.base + url_dir(name, lang)
    page, visit = browser.load(url, served.base, idle=False, search_index=False)
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true })")
    copied = page.evaluate(COPY_TEXTS)
    assert len(copied) == len(blocks), f"{url}: {len(copied)} copy buttons for {len(blocks)} code blocks"
    # The first block's button, pressed as a reader presses it, copies what COPY_TEXTS read.
    page.evaluate("navigator.clipboard.writeText('')")
    first = page.locator("article .highlight button.md-code__button[data-md-type=copy]").first
    first.evaluate(SHOW_TAB)
    first.click(force=True)
    page.wait_for_function("async () => (await navigator.clipboard.readText()) !== ''", timeout=5000, polling=50)
    pressed = page.evaluate("navigator.clipboard.readText()")
    page.context.close()
    assert not visit.problems, visit.problems
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
