"""Diagrams drawn before the reader arrives: no page loads the Mermaid runtime.

Each ```mermaid fence stays in the page's source (diffable, labelled in the page's language). At
build time this hook replaces it with the SVG that `python scripts/draw_diagrams.py` drew from exactly
that source, with the bundled Mermaid and Material's own diagram styles, in headless Chromium,
and committed as docs/assets/diagrams/<hash of the source>.svg. The SVG takes its colours from
Material's CSS variables, so one drawing serves the light and the dark theme, and its labels are
real text: selectable, and read by screen readers. A fence whose drawing is missing (new or
edited since the last run of the script) fails the build and says what to run; `mkdocs serve`
needs no browser.

SESSIONBOOK_LIVE_DIAGRAMS=1 leaves the fences to Material and the bundled Mermaid (the script
uses it to draw them).
"""

import os
import re
from pathlib import Path

from mkdocs.exceptions import PluginError

from tooling.mermaid import FENCE, FOLDER, diagram_key


def on_page_markdown(markdown, page, config, files):
    if os.environ.get("SESSIONBOOK_LIVE_DIAGRAMS"):
        return markdown
    folder = Path(config.docs_dir) / FOLDER

    def drawing(fence: re.Match) -> str:
        key = diagram_key(fence["body"])
        svg = folder / f"{key}.svg"
        if not svg.is_file():
            raise PluginError(
                f"{page.file.src_uri}: a Mermaid diagram has no drawing ({FOLDER}/{key}.svg): "
                "it is new or was edited. Run `python scripts/draw_diagrams.py` and commit the SVG."
            )
        return f'{fence["indent"]}<div class="diagram">{svg.read_text(encoding="utf-8").strip()}</div>'

    return FENCE.sub(drawing, markdown)
