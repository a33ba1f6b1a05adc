"""`scripts/parity.py --fix` (tooling/parity_fix.py) on copies in a temporary folder: it copies
anchors, includes and link targets from the source language where they drifted, reports what it
leaves alone (unequal counts, moved values), and never rewrites a page it did not change."""

from __future__ import annotations

import os

import pytest

from tooling.parity_fix import fix
from tooling.repo import SNIPPETS
from tooling.sections import parity_problems

# Two real snippets: the parity check renders pages with the site's own includes.
SNIPPET_A, SNIPPET_B = (str(p.relative_to(SNIPPETS)) for p in sorted(SNIPPETS.rglob("*.py"))[:2])

SOURCE = f"""# Page {{ #page }}

Read [the engine](engine.md#pool) and [SQLAlchemy](https://docs.sqlalchemy.org/en/21/).

## Flush vs commit {{ #flush-vs-commit }}

```python
--8<-- "{SNIPPET_A}"
```

See [the glossary](glossary.md#flush) and [states](object-states.md#states).

## Sessions {{ #sessions }}

=== "One"

    ```python
    --8<-- "{SNIPPET_B}"
    ```

Links in code are not links: `[x](y.md)`.
"""


def pages(tmp_path, target_text: str):
    source, target = tmp_path / "page.ko.md", tmp_path / "page.en.md"
    source.write_text(SOURCE, encoding="utf-8")
    target.write_text(target_text, encoding="utf-8")
    return source, target


@pytest.mark.parametrize(
    "drift, message",
    [
        (("{ #flush-vs-commit }", "{ #flush }"), "page.en.md:5: anchor 'flush' -> 'flush-vs-commit'"),
        ((f'--8<-- "{SNIPPET_B}"', '--8<-- "gone/old.py"'), f"page.en.md:18: include 'gone/old.py' -> '{SNIPPET_B}'"),
        (("(glossary.md#flush)", "(glossary.md#old)"), "page.en.md:11: link 'glossary.md#old' -> 'glossary.md#flush'"),
        (
            ("/en/21/)", "/en/20/)"),
            "page.en.md:3: link 'https://docs.sqlalchemy.org/en/20/' -> 'https://docs.sqlalchemy.org/en/21/'",
        ),
    ],
    ids=["anchor", "include", "link", "external-link"],
)
def test_a_drifted_value_is_copied_from_the_source(tmp_path, drift, message):
    source, target = pages(tmp_path, SOURCE.replace(*drift))
    assert fix(source, target) == [message]
    assert target.read_text(encoding="utf-8") == SOURCE
    assert parity_problems({"ko": source, "en": target}) == []


@pytest.mark.parametrize(
    "drift, message",
    [
        (
            ("and [states](object-states.md#states)", ""),
            "page.en.md: 1 links in #flush-vs-commit against 2 in page.ko.md; not fixed",
        ),
        (("## Sessions { #sessions }\n", ""), "page.en.md: 2 anchors against 3 in page.ko.md; not fixed"),
        (
            (
                "[the glossary](glossary.md#flush) and [states](object-states.md#states)",
                "[states](object-states.md#states) and [the glossary](glossary.md#flush)",
            ),
            (
                "page.en.md:11: link 'object-states.md#states' in #flush-vs-commit is at another position in"
                " page.ko.md (moved?), where this one has 'glossary.md#flush'; not fixed"
            ),
        ),
    ],
    ids=["unequal-links", "unequal-anchors", "moved-link"],
)
def test_what_needs_a_writer_is_reported_and_left_alone(tmp_path, drift, message):
    text = SOURCE.replace(*drift)
    source, target = pages(tmp_path, text)
    assert message in fix(source, target)
    assert target.read_text(encoding="utf-8") == text


def test_a_page_it_does_not_change_is_not_rewritten(tmp_path):
    source, target = pages(tmp_path, SOURCE.replace("Read [the engine]", "Lesen Sie [the engine]"))
    before = target.read_bytes()
    os.utime(target, ns=(1_000_000_000, 1_000_000_000))
    assert fix(source, target) == []
    assert target.read_bytes() == before
    assert target.stat().st_mtime_ns == 1_000_000_000
