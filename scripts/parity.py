"""Report where the languages of a page drift apart, and fix what is mechanical.

    python scripts/parity.py                # report every page's differences, section by section
    python scripts/parity.py --fix          # copy anchors and include lines from the default language
    python scripts/parity.py --fix --from en

The report is the check that tests/test_pages.py runs (link targets, admonitions, tables, code,
diagrams, annotations and content tabs per section). --fix rewrites, in the other languages, the
heading anchors and the `--8<--` include lines that differ from the source language's at the same
position, when both pages have the same number of them; everything else needs a writer.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from tooling.pages import ANCHOR, HEADING, INCLUDE, strip_fences
from tooling.repo import default_language, page_pairs
from tooling.sections import parity_problems


def _heading_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, anchor) of every explicit heading anchor outside code blocks."""
    spans = []
    for heading in HEADING.finditer(strip_fences(text)):
        match = ANCHOR.search(heading[0])
        if match:
            start = heading.start() + match.start(1)
            spans.append((start, start + len(match[1]), match[1]))
    return spans


def _include_spans(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m[0].strip()) for m in INCLUDE.finditer(text)]


def fix(source: Path, target: Path) -> list[str]:
    """Copy anchors and include lines from source to target where they differ; what changed."""
    text, reference, changes = target.read_text(encoding="utf-8"), source.read_text(encoding="utf-8"), []
    for kind, spans in (("anchor", _heading_spans), ("include", _include_spans)):
        mine, theirs = spans(text), spans(reference)
        if len(mine) != len(theirs):
            changes.append(f"{target.name}: {len(mine)} {kind}s against {len(theirs)} in {source.name}; not fixed")
            continue
        for (start, end, old), (_, _, new) in reversed(list(zip(mine, theirs))):
            if old != new:
                indent = re.match(r"\s*", text[start:end])[0] if kind == "include" else ""
                text = text[:start] + indent + new + text[end:]
                changes.append(f"{target.name}: {kind} {old!r} -> {new!r}")
    target.write_text(text, encoding="utf-8")
    return changes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--fix", action="store_true", help="rewrite anchors and include lines in the other languages")
    parser.add_argument(
        "--from", dest="source", default=None, help="the language to copy from (default: the site's default)"
    )
    args = parser.parse_args()
    source = args.source or default_language()
    problems = []
    for name, pages in sorted(page_pairs().items()):
        if not name.endswith(".md") or source not in pages:
            continue
        if args.fix:
            for lang, path in pages.items():
                if lang != source:
                    for change in fix(pages[source], path):
                        print(change)
        if len(pages) > 1:
            problems += parity_problems(pages)
    for problem in problems:
        print(problem)
    print(f"{len(problems)} difference(s) between languages" if problems else "the languages match", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
