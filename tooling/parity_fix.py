"""What `scripts/parity.py --fix` repairs in the other languages of a page, copied from the source
language's page (the default one unless `--from` names another): heading anchors and `--8<--`
include lines over the whole page, and Markdown link targets, `[text](TARGET)`, section by section
(sections matched in order, from one heading to the next).

A value is copied only where both pages have as many of its kind (of links: in that section, and
both pages have as many sections), and only where the value it replaces appears nowhere among the
source's (of that kind, in that scope). A value the source has at another position was moved (a
translation that put two links in the other order), and copying by position would point a link's
text at the wrong target: that is reported and left to a writer, like unequal counts.

External URLs are copied like any other target: the parity check (tooling/sections.py) requires
the same link targets in every language, so a page that links elsewhere in one language fails it
anyway. Not handled: reference-style links (`[text][ref]` with `[ref]: url`) and autolinks (`<url>`).
A page is written only if something in it changed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from tooling.pages import ANCHOR, HEADING, INCLUDE, strip_fences

# `](target)` or `](target "title")`, outside code; the span is the target.
LINK = re.compile(r"\]\(\s*<?([^)\s>]+)>?(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)")
INLINE_CODE = re.compile(r"`[^`\n]+`")

Span = tuple[int, int, str]  # start, end, value
Scopes = list[tuple[str, list[Span]]]  # (where, spans) per scope, in order


def _prose(text: str) -> str:
    """The page with fenced blocks and inline code blanked (offsets and lines kept)."""
    return INLINE_CODE.sub(lambda m: " " * len(m[0]), strip_fences(text))


def anchors(text: str) -> Scopes:
    spans = []
    for heading in HEADING.finditer(strip_fences(text)):
        match = ANCHOR.search(heading[0])
        if match:
            start = heading.start() + match.start(1)
            spans.append((start, start + len(match[1]), match[1]))
    return [("", spans)]


def includes(text: str) -> Scopes:
    spans = []
    for match in INCLUDE.finditer(text):
        start, end = match.start(1), match.end(2) if match[2] else match.end(1)
        spans.append((start, end, text[start:end]))
    return [("", spans)]


def links(text: str) -> Scopes:
    prose = _prose(text)
    headings = list(HEADING.finditer(prose))
    bounds = [(0, headings[0].start() if headings else len(prose), "before the first heading")]
    for heading, following in zip(headings, headings[1:] + [None]):
        anchor = ANCHOR.search(heading[0])
        where = f"#{anchor[1]}" if anchor else heading[0].strip()
        bounds.append((heading.start(), following.start() if following else len(prose), where))
    return [
        (where, [(m.start(1), m.end(1), m[1]) for m in LINK.finditer(prose, start, end)])
        for start, end, where in bounds
    ]


KINDS: dict[str, Callable[[str], Scopes]] = {"anchor": anchors, "include": includes, "link": links}


def fix(source: Path, target: Path) -> list[str]:
    """Copy anchors, includes and link targets from source to target where they differ; one line
    per value changed and per difference left alone ('not fixed'). Writes target only if it changed."""
    reference = source.read_text(encoding="utf-8")
    original = text = target.read_text(encoding="utf-8")
    messages = []
    for kind, scopes in KINDS.items():
        mine, theirs = scopes(text), scopes(reference)
        if len(mine) != len(theirs):
            messages.append(
                f"{target.name}: {len(mine)} sections against {len(theirs)} in {source.name}; {kind}s not fixed"
            )
            continue
        edits = []
        for (where, my), (_, their) in zip(mine, theirs):
            scope = f" in {where}" if where else ""
            if len(my) != len(their):
                messages.append(
                    f"{target.name}: {len(my)} {kind}s{scope} against {len(their)} in {source.name}; not fixed"
                )
                continue
            values = {value for _, _, value in their}
            for (start, end, old), (_, _, new) in zip(my, their):
                line = text.count("\n", 0, start) + 1
                if old == new:
                    continue
                if old in values:
                    messages.append(
                        f"{target.name}:{line}: {kind} {old!r}{scope} is at another position in {source.name}"
                        f" (moved?), where this one has {new!r}; not fixed"
                    )
                else:
                    edits.append((start, end, new))
                    messages.append(f"{target.name}:{line}: {kind} {old!r} -> {new!r}")
        for start, end, new in sorted(edits, reverse=True):
            text = text[:start] + new + text[end:]
    if text != original:
        target.write_text(text, encoding="utf-8")
    return messages
