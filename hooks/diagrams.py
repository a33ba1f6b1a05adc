"""Diagrams drawn before the reader arrives: no page loads the Mermaid runtime.

Each ```mermaid fence stays in the page's source (diffable, labelled in the page's language). At
build time this hook replaces it with the SVG that `python scripts/diagrams.py` drew from exactly
that source, with the bundled Mermaid and Material's own diagram styles, in headless Chromium,
and committed as docs/assets/diagrams/<hash of the source>.svg. The SVG takes its colours from
Material's CSS variables, so one drawing serves the light and the dark theme, and its labels are
real text: selectable, and read by screen readers. A fence whose drawing is missing (new or
edited since the last run of the script) fails the build and says what to run; `mkdocs serve`
needs no browser.

SESSIONBOOK_LIVE_DIAGRAMS=1 leaves the fences to Material and the bundled Mermaid (the script
uses it to draw them).
"""

import hashlib
import os
import re
from pathlib import Path

from mkdocs.exceptions import PluginError

FENCE = re.compile(r"^(?P<indent>[ \t]*)```mermaid[ \t]*\n(?P<body>.*?)^(?P=indent)```[ \t]*$", re.MULTILINE | re.DOTALL)
FOLDER = "assets/diagrams"


def diagram_key(body: str) -> str:
    """The name of a diagram's drawing: a hash of its source, indentation removed."""
    lines = body.splitlines()
    indent = min((len(line) - len(line.lstrip()) for line in lines if line.strip()), default=0)
    source = "\n".join(line[indent:] for line in lines).strip() + "\n"
    return hashlib.sha256(source.encode("utf-8")).hexdigest()[:16]


def diagram_fences(markdown: str) -> list[re.Match]:
    return list(FENCE.finditer(markdown))


def on_page_markdown(markdown, page, config, files):
    if os.environ.get("SESSIONBOOK_LIVE_DIAGRAMS"):
        return markdown
    folder = Path(config.docs_dir) / FOLDER

    def drawing(fence: re.Match) -> str:
        key = diagram_key(fence["body"])
        svg = folder / f"{key}.svg"
        if not svg.is_file():
            raise PluginError(f"{page.file.src_uri}: a Mermaid diagram has no drawing ({FOLDER}/{key}.svg): "
                              "it is new or was edited. Run `python scripts/diagrams.py` and commit the SVG.")
        return f'{fence["indent"]}<div class="diagram">{svg.read_text(encoding="utf-8").strip()}</div>'

    return FENCE.sub(drawing, markdown)
