"""Structural rules for the pages: both languages carry the same skeleton, and every Python
block on a page comes from a tested file in snippets/."""

from __future__ import annotations

import json
import re

import pytest

from conftest import (
    ANCHOR,
    ANNOTATION_MARKER,
    DOCS,
    FENCE,
    HEADING,
    INCLUDE,
    LANGUAGES,
    SNIPPETS,
    UNTESTED,
    markdown_pages,
    page_pairs,
    strip_fences,
)

PAIRS = page_pairs()
MARKDOWN_PAIRS = {name: langs for name, langs in PAIRS.items() if name.endswith(".md")}
NOTEBOOK_PAIRS = {name: langs for name, langs in PAIRS.items() if name.endswith(".ipynb")}


def both_languages(langs: dict) -> dict:
    """The page's files by language; a page missing one is reported by its own test."""
    if set(langs) != set(LANGUAGES):
        pytest.skip("reported by test_every_page_exists_in_both_languages")
    return langs


def rel(path) -> str:
    return str(path.relative_to(DOCS.parent))


def skeleton(path) -> dict[str, list]:
    """What must match between the two languages of one page."""
    text = path.read_text(encoding="utf-8")
    fences = list(FENCE.finditer(text))
    includes, annotations = [], []
    for fence in fences:
        found = INCLUDE.findall(fence["body"])
        includes += [f"{file}:{section}" if section else file for file, section in found]
        if found:
            annotations.append(_annotation_items_after(text, fence.end()))
    return {
        "anchors": [ANCHOR.search(h[2])[1] for h in HEADING.finditer(strip_fences(text)) if ANCHOR.search(h[2])],
        "snippet includes": includes,
        "mermaid diagrams": [f["info"].strip() for f in fences if f["info"].strip().startswith("mermaid")],
        "annotations per code block": annotations,
    }


def _annotation_items_after(text: str, end: int) -> int:
    """Count the numbered list that follows a code block: Material's code annotations."""
    count = 0
    for line in text[end:].lstrip("\n").splitlines():
        if re.match(rf"^{count + 1}\.\s", line):
            count += 1
        elif line.strip() == "" or line.startswith((" ", "\t")):  # blank, or a continuation
            continue
        else:
            break
    return count


def test_every_page_exists_in_both_languages():
    assert PAIRS, "no pages found under docs/"
    missing = [f"{name}: no {lang} version (expected {name.rsplit('.', 1)[0]}.{lang}.{name.rsplit('.', 1)[1]})"
               for name, langs in PAIRS.items() for lang in LANGUAGES if lang not in langs]
    assert not missing, "pages missing a translation:\n" + "\n".join(missing)


def test_no_page_without_language_suffix():
    loose = [rel(p) for p in markdown_pages() if not re.search(r"\.(ko|en)\.md$", p.name)]
    assert not loose, f"pages must be named NAME.ko.md and NAME.en.md: {loose}"


@pytest.mark.parametrize("name", sorted(MARKDOWN_PAIRS))
def test_languages_share_one_skeleton(name):
    langs = both_languages(MARKDOWN_PAIRS[name])
    ko, en = skeleton(langs["ko"]), skeleton(langs["en"])
    problems = [
        f"{what} differ:\n  {rel(langs['ko'])}: {ko[what]}\n  {rel(langs['en'])}: {en[what]}"
        for what in ko
        if ko[what] != en[what]
    ]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("page", markdown_pages(), ids=rel)
def test_every_heading_has_an_explicit_anchor(page):
    text = strip_fences(page.read_text(encoding="utf-8"))
    bare = [h[0] for h in HEADING.finditer(text) if not ANCHOR.search(h[2])]
    assert not bare, f"{rel(page)}: headings without an explicit {{ #ascii-anchor }}: {bare}"


@pytest.mark.parametrize("page", markdown_pages(), ids=rel)
def test_python_blocks_come_from_snippets(page):
    text = page.read_text(encoding="utf-8")
    problems = []
    for fence in FENCE.finditer(text):
        info = fence["info"].strip().lstrip("{").strip()
        if not re.match(r"^(\.)?(python|py|pycon)\b", info):
            continue
        body_lines = [l for l in fence["body"].splitlines() if l.strip()]
        if body_lines and all(INCLUDE.match(l) for l in body_lines):
            continue
        line_no = text.count("\n", 0, fence.start()) + 1
        before = text[: fence.start()].rstrip("\n").splitlines()
        if before and UNTESTED.search(before[-1]):
            continue
        problems.append(f"{rel(page)}:{line_no}: Python block not included from snippets/ "
                        "(use --8<-- \"file.py\", or mark a fragment with <!-- untested: reason -->)")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("page", markdown_pages(), ids=rel)
def test_included_snippets_exist_and_annotations_match(page):
    text = page.read_text(encoding="utf-8")
    problems = []
    for fence in FENCE.finditer(text):
        for file, section in INCLUDE.findall(fence["body"]):
            path = SNIPPETS / file
            if not path.is_file():
                problems.append(f"{rel(page)}: includes snippets/{file}, which does not exist")
                continue
            source = path.read_text(encoding="utf-8")
            if section:
                part = re.search(rf"--8<-- \[start:{section}\]\n(.*?)--8<-- \[end:{section}\]", source, re.S)
                if not part:
                    problems.append(f"{rel(page)}: snippets/{file} has no section [start:{section}]")
                    continue
                source = part[1]
            markers = len(ANNOTATION_MARKER.findall(source))
            items = _annotation_items_after(text, fence.end())
            if markers != items:
                problems.append(f"{rel(page)}: snippets/{file} has {markers} annotation markers, "
                                f"but the page explains {items} after the block")
    assert not problems, "\n".join(problems)


def test_every_snippet_is_included_in_both_languages():
    included = {lang: set() for lang in LANGUAGES}
    for page in markdown_pages():
        lang = page.name.rsplit(".", 2)[-2]
        for fence in FENCE.finditer(page.read_text(encoding="utf-8")):
            included[lang] |= {file for file, _ in INCLUDE.findall(fence["body"])}
    snippets = {str(p.relative_to(SNIPPETS)) for p in SNIPPETS.rglob("*.py")}
    problems = [f"snippets/{s} is not included by any {lang} page"
                for s in sorted(snippets) for lang in LANGUAGES if s not in included[lang]]
    assert not problems, "\n".join(problems)


def _code_cells(path):
    notebook = json.loads(path.read_text(encoding="utf-8"))
    return ["".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "code"]


@pytest.mark.parametrize("name", sorted(NOTEBOOK_PAIRS))
def test_notebook_code_cells_are_identical(name):
    langs = both_languages(NOTEBOOK_PAIRS[name])
    ko, en = _code_cells(langs["ko"]), _code_cells(langs["en"])
    assert ko, f"{rel(langs['ko'])} has no code cells"
    for i, (a, b) in enumerate(zip(ko, en), 1):
        assert a == b, f"code cell {i} differs between {rel(langs['ko'])} and {rel(langs['en'])}"
    assert len(ko) == len(en), f"{rel(langs['ko'])} has {len(ko)} code cells, {rel(langs['en'])} has {len(en)}"


def _markdown_anchors(path):
    notebook = json.loads(path.read_text(encoding="utf-8"))
    text = "\n\n".join("".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "markdown")
    headings = [h[2] for h in HEADING.finditer(strip_fences(text))]
    bare = [h for h in headings if not ANCHOR.search(h)]
    assert not bare, f"{rel(path)}: headings without an explicit {{ #ascii-anchor }}: {bare}"
    return [ANCHOR.search(h)[1] for h in headings]


@pytest.mark.parametrize("name", sorted(NOTEBOOK_PAIRS))
def test_notebook_headings_share_anchors(name):
    langs = both_languages(NOTEBOOK_PAIRS[name])
    ko, en = _markdown_anchors(langs["ko"]), _markdown_anchors(langs["en"])
    assert ko == en, f"anchors differ:\n  {rel(langs['ko'])}: {ko}\n  {rel(langs['en'])}: {en}"


@pytest.mark.parametrize("name", sorted(NOTEBOOK_PAIRS))
def test_notebooks_are_stored_without_outputs(name):
    for path in NOTEBOOK_PAIRS[name].values():
        notebook = json.loads(path.read_text(encoding="utf-8"))
        dirty = [i for i, c in enumerate(notebook["cells"], 1)
                 if c["cell_type"] == "code" and (c.get("outputs") or c.get("execution_count"))]
        assert not dirty, f"{rel(path)}: cells {dirty} keep outputs; the build executes notebooks, so store them clean"
