"""Draw every Mermaid diagram of the site as SVG: `python scripts/draw_diagrams.py`.

Builds the site with SESSIONBOOK_LIVE_DIAGRAMS=1 (hooks/inline_diagrams.py then leaves the fences
to Material, which draws them with its own diagram styles and the Mermaid bundled in
scripts/mermaid/, given to each page in place of the CDN copy Material asks for), opens every page
that has a diagram in headless Chromium, and saves each drawing as
docs/assets/diagrams/<hash of its source>.svg, the file hooks/inline_diagrams.py inlines. Drawings
no fence uses any more are deleted. Run it after adding or editing a diagram, and commit the SVGs.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
from pathlib import Path

from tooling.browser import Browser, Server, browser_missing
from tooling.mermaid import FOLDER, diagram_fences, diagram_key
from tooling.pages import build
from tooling.repo import DOCS, ROOT, page_pairs, url_dir

# Mermaid is not published with the site. Material fetches it from a CDN for a page with a diagram;
# the bundled copy answers that request, and nothing leaves the machine.
# The bundle is mermaid 11.17.2 from the npm registry (`npm pack mermaid@11.17.2`, dist/mermaid.min.js;
# its licence is LICENSE.txt beside it). Replace both together, and update this line.
MERMAID = Path(__file__).resolve().parent / "mermaid" / "mermaid.min.js"
MATERIAL_FETCHES = "https://unpkg.com/mermaid@11/"
# Material draws each diagram into a *closed* shadow root; this script, run in each page before
# Material's, makes every shadow root open, so that DRAWN can read the drawings.
OPEN_SHADOW_ROOTS = (
    "Element.prototype.attachShadow = (o => function (init) { return o.call(this, {...init, mode: 'open'}) })"
    "(Element.prototype.attachShadow)"
)
# Appended to the bundled Mermaid: Material's configuration, with what makes the drawing fit the
# page it is inlined into. Mermaid sizes each box to its label as measured while drawing, so the
# label must be measured as the page shows it: in the page's own fonts (Mermaid's default is
# "trebuchet ms", which the page never uses, and the sequence diagrams measure in their own font
# settings), and, for a label that wraps, with the page's `word-break: keep-all` (extra.css),
# which keeps Korean words whole; without it a wrapped Korean label takes more lines on the page
# than its box has. A sequence diagram is framed by 8 units like the others, not 50 (blank lead
# space on a phone).
MATERIAL_CONFIG = """
;(() => {
  const initialize = mermaid.initialize.bind(mermaid);
  mermaid.initialize = config => {
    const font = getComputedStyle(document.body).fontFamily;
    initialize({
      ...config,
      fontFamily: font,
      themeCSS: (config.themeCSS || '') + ' foreignObject * { word-break: keep-all; }',
      sequence: {
        ...config.sequence, diagramMarginX: 8, diagramMarginY: 8,
        actorFontFamily: font, messageFontFamily: font, noteFontFamily: font,
      },
    });
  };
})();
"""
# Mermaid writes coordinates with up to 16 decimals; a hundredth of a pixel is finer than any screen
# shows, and the rounded drawing weighs about a fifth less gzipped (ko engine: 7.1 kB -> 5.5 kB).
PRECISION = re.compile(r"(?<=\d\.\d\d)\d+")
NATURAL_WIDTH = re.compile(r'(?<=^<svg )[^>]*?style="max-width: (?P<width>[\d.]+)px;')
DRAWN = (
    "() => [...document.querySelectorAll('div.mermaid')].map(d => d.shadowRoot && d.shadowRoot.querySelector('svg'))"
)


def main() -> int:
    missing = browser_missing()
    if missing:
        print(f"drawing diagrams needs the browser: {missing}")
        return 1
    pages = [
        (name, lang, path)
        for name, langs in page_pairs().items()
        for lang, path in langs.items()
        if path.suffix == ".md" and diagram_fences(path.read_text(encoding="utf-8"))
    ]
    out = DOCS / FOLDER
    out.mkdir(parents=True, exist_ok=True)
    kept = set()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["SESSIONBOOK_LIVE_DIAGRAMS"] = "1"
        result = build(ROOT / "mkdocs.yml", Path(tmp) / "site")
        assert result.returncode == 0, result.stderr
        mermaid = Path(tmp) / "mermaid.min.js"
        mermaid.write_text(MERMAID.read_text(encoding="utf-8") + MATERIAL_CONFIG, encoding="utf-8")
        server, browser = Server(Path(tmp) / "site"), Browser()
        try:
            for name, lang, path in pages:
                keys = [diagram_key(fence["body"]) for fence in diagram_fences(path.read_text(encoding="utf-8"))]
                page, _ = browser.load(
                    server.base + url_dir(name, lang),
                    server.base,
                    stand_ins={MATERIAL_FETCHES: mermaid},
                    init_script=OPEN_SHADOW_ROOTS,
                )
                page.wait_for_function(f"() => ({DRAWN})().filter(Boolean).length >= {len(keys)}", timeout=30000)
                svgs = page.evaluate(f"() => ({DRAWN})().map(svg => svg.outerHTML)")
                page.context.close()
                assert len(svgs) == len(keys), f"{path.name}: {len(svgs)} drawings for {len(keys)} diagrams"
                for key, svg in zip(keys, svgs):
                    # Material numbers diagrams per page (__mermaid_0 ...); name them after their source
                    svg = re.sub(r"__mermaid_\d+", f"diagram-{key}", svg)
                    svg = PRECISION.sub("", svg)
                    # the width it was drawn at, its text at full size, for extra.css: a phone scrolls
                    # the drawing sideways rather than shrink it far below that
                    svg, found = NATURAL_WIDTH.subn(r"\g<0> --diagram-width: \g<width>px;", svg, count=1)
                    assert found, f"{path.name}: a drawing without Mermaid's max-width: {svg[:200]}"
                    (out / f"{key}.svg").write_text(svg + "\n", encoding="utf-8")
                    kept.add(f"{key}.svg")
                    print(f"{path.relative_to(ROOT)}: {FOLDER}/{key}.svg ({len(svg)} bytes)")
        finally:
            browser.close()
            server.close()
    for stale in sorted(p for p in out.glob("*.svg") if p.name not in kept):
        stale.unlink()
        print(f"deleted {stale.relative_to(ROOT)}: no diagram uses it")
    return 0


if __name__ == "__main__":
    sys.exit(main())
