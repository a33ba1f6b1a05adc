"""What Material's copy button copies from each code block of a page.

Material's clipboard handler (`hs` in Material 9.8's bundle) copies the code element's `innerText`
while the element carries `data-md-copying` (Material's CSS then hides the annotation markers),
without trailing white space. `read_copy_buttons` reads that for every block of the article in one
pass (every block brought into view first: content.lazy mounts a block's button only then), and
presses the first block's button as a reader does, to show that the button copies the
same text to the clipboard. tests/browser/test_copy.py compares both with the page's source.
"""

from __future__ import annotations

# A block in a content tab is laid out, and so has an innerText, only while its tab is selected.
SHOW_TAB = """button => {
  const block = button.closest('.tabbed-block');
  if (!block) return;
  const index = [...block.parentElement.children].indexOf(block);
  block.closest('.tabbed-set').querySelectorAll(':scope > input')[index].click();
}"""
BUTTONS = "article .highlight button.md-code__button[data-md-type=copy]"
# content.lazy (mkdocs.yml): Material mounts a code block, with its copy button and annotations,
# when the block first comes into view. MOUNT_CODE_BLOCKS brings every block into view, as a reader
# scrolling through does (a block in a content tab: its tab first), one frame each.
MOUNT_CODE_BLOCKS = """async () => {
  const frame = () => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
  for (const block of document.querySelectorAll('article .highlight')) {
    const tab = block.closest('.tabbed-block');
    if (tab) tab.closest('.tabbed-set').querySelectorAll(':scope > input')[[...tab.parentElement.children].indexOf(tab)].click();
    block.scrollIntoView();
    await frame();
  }
  scrollTo(0, 0);
}"""
COPY_TEXTS = f"""() => [...document.querySelectorAll('{BUTTONS}')].map(button => {{
  ({SHOW_TAB})(button);
  const code = document.querySelector(button.getAttribute('data-clipboard-target'));
  code.setAttribute('data-md-copying', '');
  const text = code.innerText;
  code.removeAttribute('data-md-copying');
  return text.trimEnd();
}})"""


def mount_code_blocks(page) -> None:
    """Every code block of the article mounted (content.lazy), as after a reader's scroll."""
    page.evaluate(MOUNT_CODE_BLOCKS)


def read_copy_buttons(page) -> dict:
    """{"copied": what each copy button of the article copies, "pressed": what pressing the first
    one put on the clipboard (None if the page has no code block)}. Opens every <details> and
    selects tabs: run it after the checks that look at the page as it loads."""
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true })")
    mount_code_blocks(page)  # the blocks inside <details> too, now that they are open
    copied = page.evaluate(COPY_TEXTS)
    pressed = None
    if copied:
        page.evaluate("navigator.clipboard.writeText('')")
        first = page.locator(BUTTONS).first
        first.evaluate(SHOW_TAB)
        first.click(force=True)
        page.wait_for_function("async () => (await navigator.clipboard.readText()) !== ''", timeout=5000, polling=50)
        pressed = page.evaluate("navigator.clipboard.readText()")
    return {"copied": copied, "pressed": pressed}
