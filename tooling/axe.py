"""axe-core on a loaded page, through axe-playwright-python's runner (`axe_violations`), as the
shared desktop visit runs it (tests/browser/conftest.py).

axe-core's colour rules cost most where the text elements are most: on a long chapter, a run took
2-3 s, most of it on code tokens and paragraphs drawn exactly like others before them. Two elements
whose text has the same colour, size, weight, shadow, opacity and backgrounds (every ancestor's up
to the first opaque one) get the same contrast verdict, so the colour rules need to see each such
style once. MARK_REPEATED splits the article into blocks (each code block, and each top-level
element without one) and marks a block, in page order, when every visible text element in it has
a style that a block checked before it, or the text outside every block, already showed; the
colour rules leave out the marked blocks. That halves their time (ko postgres-transactions:
3.1 s -> 1.6 s) and leaves out no style. tests/browser/test_accessibility.py shows that a low
contrast after many repeated blocks is still found.
"""

from __future__ import annotations

COLOUR_RULES = ["color-contrast", "link-in-text-block"]
REPEATED = "data-axe-repeated"
MARK_REPEATED = """() => {
  const article = document.querySelector('article');
  if (!article) return 0;
  const shown = el => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  const style = el => {
    const own = getComputedStyle(el);
    const parts = [own.color, own.fontSize, own.fontWeight, own.textShadow];
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
  const blocks = [...article.querySelectorAll('*')].filter(el =>
    el.matches('.highlight') || (el.parentElement === article && !el.querySelector('.highlight')));
  const inBlocks = new Set(blocks.flatMap(texts));
  const seen = new Set(texts(article).filter(el => !inBlocks.has(el)).map(style));
  let marked = 0;
  for (const block of blocks) {
    const styles = texts(block).map(style);
    if (styles.every(s => seen.has(s))) {
      block.setAttribute('""" + REPEATED + """', '');
      marked++;
    } else styles.forEach(s => seen.add(s));
  }
  return marked;
}"""


def axe_violations(page, only_colours: bool = False) -> list[str]:
    """Serious and critical axe-core violations: every rule but the colour ones on the whole page,
    then the colour rules on the page without its repeated blocks (MARK_REPEATED, marked again:
    the dark theme has other colours). The dark theme changes colours only, so its run is limited
    to the colour rules."""
    from axe_playwright_python.sync_playwright import Axe

    page.evaluate(f"document.querySelectorAll('[{REPEATED}]').forEach(el => el.removeAttribute('{REPEATED}'))")
    page.evaluate(MARK_REPEATED)
    runs = [] if only_colours else [(None, {"rules": {rule: {"enabled": False} for rule in COLOUR_RULES}})]
    runs.append(({"exclude": [[f"[{REPEATED}]"]]}, {"runOnly": COLOUR_RULES}))
    violations = []
    for context, options in runs:
        violations += (
            Axe().run(page, context=context, options={"resultTypes": ["violations"], **options}).response["violations"]
        )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {', '.join(' '.join(n['target']) for n in v['nodes'][:5])}"
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]
