"""Which of a snippet's `#>` lines a run printed: the rule of the reader-run check in
tests/test_snippets.py (tooling.snippets.missing_output), line by line.

`expected` is what tooling.snippets.printed reads from the snippet (each `#>` line without white
space or a trailing comma). The run's output is first rewritten with the line's text-only
differences (tooling/lines.py; none for the first line or a twin), then stripped of white space;
each expected line must appear in it, in order, after the one before.

This module imports nothing but `re`: the browser runner loads this very file into Pyodide
(hooks/runner.py copies it to assets/runner/marks.py), so the page and the tests judge a run
with one definition.
"""

import re


def marks(expected: list[str], stdout: str, text_only: list[tuple[str, str]] = ()) -> list[bool]:
    """One entry per expected line: True where the run printed it in its place."""
    for pattern, replacement in text_only:
        stdout = re.sub(pattern, replacement, stdout)
    out, position, found = re.sub(r"\s+", "", stdout), 0, []
    for line in expected:
        at = out.find(line, position)
        found.append(at >= 0)
        if at >= 0:
            position = at + len(line)
    return found
