"""The pages as written: both languages carry the same structure, section by section, and every
Python block on a page comes from a tested file in snippets/."""

from __future__ import annotations

import json
import re
import subprocess

import pytest
from pymdownx.snippets import SnippetMissingError

from tooling.advice import advice_problems, error_entries
from tooling.pages import ANCHOR, FENCE, HEADING, INCLUDE, UNTESTED, strip_fences
from tooling.repo import DOCS, ROOT, SNIPPETS, language_suffix, languages, markdown_pages, page_language, page_pairs
from tooling.sections import parity_problems, sections

PAIRS = page_pairs()
MARKDOWN_PAIRS = {name: langs for name, langs in PAIRS.items() if name.endswith(".md")}
NOTEBOOK_PAIRS = {name: langs for name, langs in PAIRS.items() if name.endswith(".ipynb")}


def all_languages(langs: dict) -> dict:
    """The page's files by language; a page missing one is reported by its own test."""
    if set(langs) != set(languages()):
        pytest.skip("reported by test_every_page_exists_in_every_language")
    return langs


def rel(path) -> str:
    return str(path.relative_to(ROOT))


def test_every_page_exists_in_every_language():
    assert PAIRS, "no pages found under docs/"
    missing = [
        f"{name}: no {lang} version (expected {name.rsplit('.', 1)[0]}.{lang}.{name.rsplit('.', 1)[1]})"
        for name, langs in PAIRS.items()
        for lang in languages()
        if lang not in langs
    ]
    assert not missing, "pages missing a translation:\n" + "\n".join(missing)


def test_no_page_without_language_suffix():
    loose = [rel(p) for p in markdown_pages() if not language_suffix(p.name)]
    assert not loose, f"pages must be named NAME.LANG.md, LANG one of {languages()}: {loose}"


@pytest.mark.parametrize("name", sorted(MARKDOWN_PAIRS))
def test_languages_share_one_structure(name):
    """Per section: the same anchors, code, diagrams, annotations, link targets, admonitions,
    tables and content tabs. `python scripts/parity.py` reports the same and fixes what is
    mechanical."""
    problems = parity_problems(all_languages(MARKDOWN_PAIRS[name]))
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
        body_lines = [line for line in fence["body"].splitlines() if line.strip()]
        if body_lines and all(INCLUDE.match(line) for line in body_lines):
            continue
        before = text[: fence.start()].rstrip("\n").splitlines()
        if before and UNTESTED.search(before[-1]):
            continue
        line_no = text.count("\n", 0, fence.start()) + 1
        problems.append(
            f"{rel(page)}:{line_no}: Python block not included from snippets/ "
            '(use --8<-- "file.py", or mark a fragment with <!-- untested: reason -->)'
        )
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("page", markdown_pages(), ids=rel)
def test_advice_is_proven(page):
    """Every fix, checklist, retry loop or recipe carries `<!-- proven: FILE -->`, and FILE, included
    in the same section, prints `N <what>, failures: 0` with N >= 20 (README, "Advice is proven")."""
    problems = advice_problems(page)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("page", markdown_pages(), ids=rel)
def test_includes_resolve_and_annotations_are_explained(page):
    """Rendered with the site's own pymdownx.snippets: a missing file or section raises. Every
    `# (N)!` marker in a code block has its numbered note right after the block."""
    try:
        found = sections(page)
    except SnippetMissingError as exc:
        pytest.fail(f"{rel(page)}: {type(exc).__name__}: {exc}", pytrace=False)
    problems = [
        f"{rel(page)}#{anchor}: a code block has {markers} annotation markers but {notes} notes after it"
        for anchor, section in found.items()
        for markers, notes in section["code annotations"]
        if markers != notes
    ]
    assert not problems, "\n".join(problems)


def test_every_snippet_is_included_in_every_language():
    included = {lang: set() for lang in languages()}
    for page in markdown_pages():
        for fence in FENCE.finditer(page.read_text(encoding="utf-8")):
            included[page_language(page)] |= {file for file, _ in INCLUDE.findall(fence["body"])}
    snippets = {str(p.relative_to(SNIPPETS)) for p in SNIPPETS.rglob("*.py")}
    problems = [
        f"snippets/{s} is not included by any {lang} page"
        for s in sorted(snippets)
        for lang in languages()
        if s not in included[lang]
    ]
    assert not problems, "\n".join(problems)


def _cells(path, kind):
    notebook = json.loads(path.read_text(encoding="utf-8"))
    return ["".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == kind]


@pytest.mark.parametrize("name", sorted(NOTEBOOK_PAIRS))
def test_notebook_code_cells_are_identical(name):
    langs = all_languages(NOTEBOOK_PAIRS[name])
    (_, path_a), *others = langs.items()
    cells_a = _cells(path_a, "code")
    assert cells_a, f"{rel(path_a)} has no code cells"
    for lang_b, path_b in others:
        cells_b = _cells(path_b, "code")
        for i, (a, b) in enumerate(zip(cells_a, cells_b), 1):
            assert a == b, f"code cell {i} differs between {rel(path_a)} and {rel(path_b)}"
        assert len(cells_a) == len(cells_b), (
            f"{rel(path_a)} has {len(cells_a)} code cells, {rel(path_b)} has {len(cells_b)}"
        )


def _notebook_anchors(path):
    text = "\n\n".join(_cells(path, "markdown"))
    headings = [h[2] for h in HEADING.finditer(strip_fences(text))]
    bare = [h for h in headings if not ANCHOR.search(h)]
    assert not bare, f"{rel(path)}: headings without an explicit {{ #ascii-anchor }}: {bare}"
    return [ANCHOR.search(h)[1] for h in headings]


@pytest.mark.parametrize("name", sorted(NOTEBOOK_PAIRS))
def test_notebook_headings_share_anchors(name):
    anchors = {lang: _notebook_anchors(path) for lang, path in all_languages(NOTEBOOK_PAIRS[name]).items()}
    assert len({tuple(a) for a in anchors.values()}) == 1, f"{name}: anchors differ: {anchors}"


@pytest.mark.parametrize("name", sorted(NOTEBOOK_PAIRS))
def test_notebooks_are_stored_without_outputs(name):
    for path in NOTEBOOK_PAIRS[name].values():
        notebook = json.loads(path.read_text(encoding="utf-8"))
        dirty = [
            i
            for i, c in enumerate(notebook["cells"], 1)
            if c["cell_type"] == "code" and (c.get("outputs") or c.get("execution_count"))
        ]
        assert not dirty, f"{rel(path)}: cells {dirty} keep outputs; the build executes notebooks, so store them clean"


def test_docs_folder_holds_only_pages_and_assets():
    stray = [rel(p) for p in DOCS.iterdir() if p.is_file() and not language_suffix(p.name)]
    assert not stray, f"files in docs/ that are neither pages nor under docs/assets/: {stray}"


@pytest.mark.parametrize("name", sorted(NOTEBOOK_PAIRS))
def test_notebook_code_passes_ruff(name):
    """Notebook cells are code a reader runs: the same ruff rules as snippets/."""
    from ruff.__main__ import find_ruff_bin

    paths = [str(p) for p in NOTEBOOK_PAIRS[name].values()]
    result = subprocess.run(
        [find_ruff_bin(), "check", "--output-format", "concise", *paths],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, f"ruff check {' '.join(paths)}:\n{result.stdout}{result.stderr}"


def test_every_diagram_has_its_drawing_and_no_drawing_is_stale():
    """hooks/inline_diagrams.py inlines docs/assets/diagrams/<hash of the source>.svg for each fence."""
    from tooling.mermaid import FOLDER, diagram_fences, diagram_key

    keys = {
        diagram_key(f["body"]): page
        for page in markdown_pages()
        for f in diagram_fences(page.read_text(encoding="utf-8"))
    }
    drawn = {p.stem for p in (DOCS / FOLDER).glob("*.svg")}
    missing = sorted(f"{rel(page)}: {FOLDER}/{key}.svg" for key, page in keys.items() if key not in drawn)
    stale = sorted(f"{FOLDER}/{key}.svg" for key in drawn - keys.keys())
    assert not missing and not stale, (
        "diagrams without a drawing: "
        + ", ".join(missing)
        + "; drawings no diagram uses: "
        + ", ".join(stale)
        + ". Run `python scripts/draw_diagrams.py`."
    )


# The error index (docs/errors.LANG.md) lists every entry of the error pages (errors-*.LANG.md,
# one `##` section an entry) once, and a row's error code is one its entry names.
ERROR_INDEX = "errors.md"
ERROR_CODE = re.compile(r"errors\.html#error-([a-z0-9]+)")


@pytest.mark.parametrize("lang", languages())
def test_the_error_index_lists_every_entry_once_with_its_code(lang):
    index = PAIRS[ERROR_INDEX][lang]
    rows = [line for line in index.read_text(encoding="utf-8").splitlines() if line.startswith("| [")]
    problems = []
    linked = {}
    for row in rows:
        target = re.match(r"\| \[.*?\]\(([\w-]+\.md)#([\w-]+)\)", row)
        if not target:
            problems.append(f"{rel(index)}: a row without a link to an entry: {row[:80]}")
            continue
        linked.setdefault(target.groups(), []).append(row)
    entries = {
        (name, anchor): section
        for name, langs in PAIRS.items()
        if name.startswith("errors-") and name.endswith(".md")
        for anchor, section in error_entries(langs[lang]).items()
    }
    for key in sorted(entries.keys() - linked.keys()):
        problems.append(f"{rel(index)}: no row for {key[0]}#{key[1]}")
    for key, found in sorted(linked.items()):
        if key not in entries:
            problems.append(f"{rel(index)}: a row links to {key[0]}#{key[1]}, which is no entry")
            continue
        if len(found) > 1:
            problems.append(f"{rel(index)}: {len(found)} rows for {key[0]}#{key[1]}")
        cells = found[0].split(" | ")
        codes = set(ERROR_CODE.findall(cells[1])) if len(cells) > 1 else set()
        if codes - set(ERROR_CODE.findall(entries[key])):
            problems.append(
                f"{rel(index)}: the row for {key[0]}#{key[1]} gives code {sorted(codes)}, which its entry does not name"
            )
    assert not problems, "\n".join(problems)
