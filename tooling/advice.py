"""Advice is proven under the conditions it is given for (README, "Advice is proven"): the
`<!-- proven: -->` markers on a page, the proof lines their snippets print, and the entries of the
error pages."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

from tooling.lines import twins
from tooling.pages import ANCHOR, HEADING, INCLUDE, strip_fences
from tooling.repo import SNIPPETS, STRINGS_WHERE, languages, page_language, strings

# Advice is proven under the conditions it is given for (README, "Advice is proven"). A page marks
# each piece of advice with `<!-- proven: chapter/file.py[, ...] -->`; the files it names are
# included in the same section and print a proof line: `N <what>, failures: F` at the end of a
# `#>` line. At least one proof line per file has N >= PROOF_MIN_CYCLES and F == 0.
PROVEN = re.compile(r"<!--\s*proven:\s*(?P<files>[^>]*?)\s*-->")
PROOF_LINE = re.compile(
    r"^[ \t]*#>.*?\b(?P<count>\d+) (?P<what>[a-z][\w ()-]*), failures: (?P<failures>\d+)\s*$", re.MULTILINE
)
PROOF_MIN_CYCLES = 20  # past psycopg's prepare_threshold (5) and asyncpg's statement cache
# What must carry a marker: a paragraph that opens with the language's fix label (its string
# `advice_label` in mkdocs.yml: **Fix.**, **해결.**), and a heading whose anchor has one of these
# words as a hyphen-separated part.
ADVICE_ANCHOR = re.compile(r"(^|-)(fix|fixes|checklist|retry|recipe|recipes)(-|$)")


def proof_problems(snippet: Path) -> list[str]:
    """Why a snippet (and each twin it has on another SQLAlchemy line) does not prove advice; [] if it does."""
    problems = []
    for path in [snippet, *twins(snippet)]:
        lines = list(PROOF_LINE.finditer(path.read_text(encoding="utf-8")))
        good = [m for m in lines if int(m["count"]) >= PROOF_MIN_CYCLES and int(m["failures"]) == 0]
        if not good:
            shown = "; ".join(m[0].strip() for m in lines) or "none"
            problems.append(
                f"{path.name} prints no proof line `N <what>, failures: 0` with N >= {PROOF_MIN_CYCLES} "
                f"(its proof lines: {shown})"
            )
    return problems


def error_entries(page: Path) -> dict[str, str]:
    """{anchor: section text} of an error page's entries, one `##` section each."""
    text = page.read_text(encoding="utf-8")
    heads = [(m.start(), ANCHOR.search(m[0])[1]) for m in re.finditer(r"^## .*$", strip_fences(text), re.MULTILINE)]
    return {anchor: text[start:end] for (start, anchor), (end, _) in zip(heads, heads[1:] + [(len(text), "")])}


def advice_problems(page: Path, snippets: Path = SNIPPETS) -> list[str]:
    """Every piece of advice on a page that is not proven, as 'page:line: what is wrong'."""
    lang = page_language(page)
    label = strings(lang).get("advice_label") if lang in languages() else None
    if not label:
        return [
            f"{page.name}: no advice label for language {lang!r}: mkdocs.yml, {STRINGS_WHERE.format(lang=lang)} > advice_label"
        ]
    raw = page.read_text(encoding="utf-8").split("\n")
    lines = strip_fences("\n".join(raw)).split("\n")
    # Sections: from one heading to the next (fenced code blanked, so '#' comments are no headings).
    starts = [i for i, line in enumerate(lines) if HEADING.fullmatch(line)] + [len(lines)]
    bounds = ([(0, starts[0])] if starts[0] else []) + list(itertools.pairwise(starts))
    problems = []
    for start, end in bounds:
        section = "\n".join(raw[start:end])
        included = {m[1] for m in INCLUDE.finditer(section)}
        markers = [(i, m) for i in range(start, end) for m in PROVEN.finditer(lines[i])]
        heading = ANCHOR.search(lines[start]) if HEADING.fullmatch(lines[start]) else None
        if heading and ADVICE_ANCHOR.search(heading[1]) and not markers:
            problems.append(
                f"{page.name}:{start + 1}: section #{heading[1]} gives advice but has no <!-- proven: FILE --> marker"
            )
        for i in range(start, end):
            if lines[i].lstrip().startswith(label):
                previous = next((lines[j] for j in range(i - 1, start - 1, -1) if lines[j].strip()), "")
                if not PROVEN.search(previous):
                    problems.append(
                        f"{page.name}:{i + 1}: {label} without a <!-- proven: FILE --> marker on the line before it"
                    )
        for i, marker in markers:
            for name in filter(None, (n.strip() for n in marker["files"].split(","))):
                if name not in included:
                    problems.append(f"{page.name}:{i + 1}: proven by {name}, which this section does not include")
                elif not (snippets / name).is_file():
                    problems.append(f"{page.name}:{i + 1}: proven by {name}, which is not a file under snippets/")
                else:
                    problems += [f"{page.name}:{i + 1}: {problem}" for problem in proof_problems(snippets / name)]
    return problems
