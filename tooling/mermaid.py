"""Mermaid diagrams in a page's source, and the name of each one's drawing
(docs/assets/diagrams/<key>.svg): hooks/inline_diagrams.py inlines the drawings,
scripts/draw_diagrams.py makes them, the tests count them."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

FENCE = re.compile(
    r"^(?P<indent>[ \t]*)```mermaid[ \t]*\n(?P<body>.*?)^(?P=indent)```[ \t]*$", re.MULTILINE | re.DOTALL
)
FOLDER = "assets/diagrams"


def diagram_key(body: str) -> str:
    """The name of a diagram's drawing: a hash of its source, indentation removed."""
    lines = body.splitlines()
    indent = min((len(line) - len(line.lstrip()) for line in lines if line.strip()), default=0)
    source = "\n".join(line[indent:] for line in lines).strip() + "\n"
    return hashlib.sha256(source.encode("utf-8")).hexdigest()[:16]


def diagram_fences(markdown: str) -> list[re.Match]:
    return list(FENCE.finditer(markdown))


def diagram_count(source: Path) -> int:
    """Mermaid diagrams in a page's source (notebooks have none)."""
    return len(diagram_fences(source.read_text(encoding="utf-8"))) if source.suffix == ".md" else 0
