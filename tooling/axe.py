"""axe-core on a loaded page, through axe-playwright-python's runner (`axe_violations`), as the
shared desktop visit runs it (tests/browser/conftest.py).

axe-core's colour rules cost most where the text elements are most: on a long chapter, a run took
2-3 s, most of it on code tokens, paragraphs and navigation drawn exactly like others before them,
on the same page or on another. Two elements whose text has the same colour, size, weight,
decoration, shadow, opacity and backgrounds (every ancestor's up to the first opaque one; for a
link, also the colour of the text around it) get the same verdict from both colour rules, so the
rules need to see each such style once per theme in a test run. MARK_REPEATED splits the page into
blocks (each code block, each top-level element of the article without one, and the header, tabs,
sidebars and footer around it) and marks a block, in page order, when every visible text element
in it has a style already checked (`seen`: on an earlier page of the run, or in an earlier block
of this one, or in text outside every block, which is always checked). The colour rules leave out
the marked blocks, and do not run at all when nothing new is left; a style that fails fails the
page where it was first checked, so nothing goes unreported. ko postgres-transactions, on its
own: 3.1 s -> 1.6 s; after other pages, usually nothing is left to check. `CheckedStyles` keeps
`seen` for every worker of the run. tests/browser/test_accessibility.py shows that a low contrast
after repeated blocks, or on a later page, is still found.
"""

from __future__ import annotations

import json
from pathlib import Path

from filelock import FileLock

from tooling.browser import paint_every_block

COLOUR_RULES = ["color-contrast", "link-in-text-block"]
REPEATED = "data-axe-repeated"
# Around the article: Material's header, tabs, sidebars and footer, each a block of its own.
CHROME = "header.md-header, nav.md-tabs, .md-sidebar, footer.md-footer"
MARK_REPEATED = """seen => {
  seen = new Set(seen);
  document.querySelectorAll('[REPEATED]').forEach(el => el.removeAttribute('REPEATED'));
  const shown = el => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  const style = el => {
    const own = getComputedStyle(el);
    const parts = [own.color, own.fontSize, own.fontWeight, own.textDecorationLine, own.textShadow];
    if (el.closest('a') && el.closest('a').parentElement) parts.push('in ' + getComputedStyle(el.closest('a').parentElement).color);
    for (let up = el; up; up = up.parentElement) {
      const s = getComputedStyle(up);
      if (s.opacity !== '1') parts.push('opacity ' + s.opacity);
      if (s.backgroundImage !== 'none') parts.push('image ' + s.backgroundImage);
      if (s.backgroundColor === 'rgba(0, 0, 0, 0)') continue;
      parts.push('background ' + s.backgroundColor);
      if (!s.backgroundColor.startsWith('rgba')) break; // opaque: nothing behind it shows
    }
    return parts.join('|');
  };
  const texts = root => [root, ...root.querySelectorAll('*')].filter(el =>
    [...el.childNodes].some(n => n.nodeType === Node.TEXT_NODE && n.data.trim()) && shown(el));
  const article = document.querySelector('article');
  const blocks = [...document.querySelectorAll('CHROME')].concat(article ? [...article.querySelectorAll('*')].filter(el =>
    el.matches('.highlight') || (el.parentElement === article && !el.querySelector('.highlight'))) : []);
  const inBlocks = new Set(blocks.flatMap(texts));
  const outside = texts(document.body).filter(el => !inBlocks.has(el)).map(style);
  const fresh = new Set(outside.filter(s => !seen.has(s)));
  outside.forEach(s => seen.add(s));
  for (const block of blocks) {
    const styles = texts(block).map(style);
    if (styles.every(s => seen.has(s))) block.setAttribute('REPEATED', '');
    else styles.forEach(s => { if (!seen.has(s)) fresh.add(s); seen.add(s); });
  }
  return [...fresh];
}""".replace("REPEATED", REPEATED).replace("CHROME", CHROME)


class CheckedStyles:
    """The text styles the colour rules have checked in this test run, per theme, in a JSON file
    that every worker reads and adds to under a file lock."""

    def __init__(self, file: Path):
        self.file, self.lock = file, FileLock(f"{file}.lock")

    def _read(self) -> dict[str, list[str]]:
        return json.loads(self.file.read_text(encoding="utf-8")) if self.file.exists() else {}

    def get(self, theme: str) -> set[str]:
        with self.lock:
            return set(self._read().get(theme, []))

    def add(self, theme: str, styles: list[str]) -> None:
        with self.lock:
            known = self._read()
            known[theme] = sorted(set(known.get(theme, [])) | set(styles))
            self.file.write_text(json.dumps(known), encoding="utf-8")


def _run(page, context, options: dict) -> list[dict]:
    from axe_playwright_python.sync_playwright import Axe

    return Axe().run(page, context=context, options={"resultTypes": ["violations"], **options}).response["violations"]


def axe_violations(page, theme: str, checked: CheckedStyles | None = None, only_colours: bool = False) -> list[str]:
    """Serious and critical axe-core violations: every rule but the colour ones on the whole page
    (not with only_colours: the dark theme changes colours only), then the colour rules on the
    page without the blocks whose styles `checked` (or an earlier block) already has, if anything
    is left; `checked` then has this page's new styles too."""
    paint_every_block(page)  # axe reads colours from what is painted
    violations = (
        [] if only_colours else _run(page, None, {"rules": {rule: {"enabled": False} for rule in COLOUR_RULES}})
    )
    fresh = page.evaluate(MARK_REPEATED, sorted(checked.get(theme)) if checked else [])
    if fresh:
        violations += _run(page, {"exclude": [[f"[{REPEATED}]"]]}, {"runOnly": COLOUR_RULES})
        if checked:
            checked.add(theme, fresh)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {', '.join(' '.join(n['target']) for n in v['nodes'][:5])}"
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]
