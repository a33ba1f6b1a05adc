"""Report where the languages of a page drift apart, and fix what is mechanical.

    python scripts/parity.py                # report every page's differences, section by section
    python scripts/parity.py --fix          # copy anchors, includes and link targets from the default language
    python scripts/parity.py --fix --from en

The report is the check that tests/test_pages.py runs (link targets, admonitions, tables, code,
diagrams, annotations and content tabs per section), every language against the default one.
--fix rewrites, in every other language, the heading anchors, the `--8<--` include lines and the
Markdown link targets that differ from the source language's at the same position, where both
pages have as many of them; it reports what it changed and what it left alone (tooling/parity_fix.py
says exactly when). Everything else needs a writer.
"""

from __future__ import annotations

import argparse
import sys

from tooling.parity_fix import fix
from tooling.repo import default_language, languages, page_pairs
from tooling.sections import parity_problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--fix", action="store_true", help="rewrite anchors, includes and link targets in the other languages"
    )
    parser.add_argument(
        "--from",
        dest="source",
        choices=languages(),
        default=default_language(),
        help="the language to copy from (default: the site's default)",
    )
    args = parser.parse_args()
    problems = []
    for name, pages in sorted(page_pairs().items()):
        if not name.endswith(".md") or args.source not in pages:
            continue
        if args.fix:
            for lang, path in pages.items():
                if lang != args.source:
                    for change in fix(pages[args.source], path):
                        print(change)
        if len(pages) > 1:
            problems += parity_problems(pages)
    for problem in problems:
        print(problem)
    print(f"{len(problems)} difference(s) between languages" if problems else "the languages match", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
