"""What must match between the languages of a page, section by section (links, admonitions,
tables, diagrams, code, annotations, content tabs), and every difference between them."""

from __future__ import annotations

import re
from pathlib import Path

from tooling.pages import ANNOTATION_MARKER, render
from tooling.repo import ROOT, default_language


def sections(path: Path) -> dict[str, dict]:
    """What must match between the languages of a page, section by section, read from the
    page rendered with the site's Markdown extensions: {anchor: {what: [...]}} in page order. A
    section runs from a heading to the next one; text before the first heading belongs to ''."""
    from bs4 import BeautifulSoup
    from mkdocs.utils.meta import get_data

    soup = BeautifulSoup(render(get_data(path.read_text(encoding="utf-8"))[0]), "html.parser")
    found: dict[str, dict] = {}
    current = found.setdefault("", _empty_section())
    for element in soup.find_all(True):
        if re.fullmatch(r"h[1-6]", element.name):
            current = found.setdefault(
                element.get("id") or f"(heading without anchor: {element.get_text()})", _empty_section()
            )
        elif (
            element.name == "a"
            and element.get("href")
            and not element.find_parent("pre")
            and "headerlink" not in (element.get("class") or [])
        ):
            current["link targets"].append(element["href"])
        elif element.name == "div" and "admonition" in (element.get("class") or []):
            current["admonitions"].append(" ".join(c for c in element["class"] if c != "admonition"))
        elif element.name == "details":
            current["admonitions"].append(" ".join(["details"] + (element.get("class") or [])))
        elif element.name == "table":
            rows = element.find_all("tr")
            current["tables (rows x columns)"].append(
                f"{len(rows)}x{len(rows[0].find_all(['td', 'th'])) if rows else 0}"
            )
        elif element.name == "pre" and "mermaid" in (element.get("class") or []):
            current["diagrams"] += 1
        elif (
            element.name == "code"
            and element.parent.name == "pre"
            and "mermaid" not in (element.parent.get("class") or [])
        ):
            code = element.get_text()
            # Shared code, compared without comments: an inline block may comment in its language.
            current["code blocks"].append(re.sub(r"[ \t]*#.*$", "", code, flags=re.MULTILINE))
            markers = len(ANNOTATION_MARKER.findall(code))
            if markers:
                block = element.find_parent("div", class_="highlight") or element.parent
                notes = block.find_next_sibling()
                items = len(notes.find_all("li", recursive=False)) if notes and notes.name == "ol" else 0
                current["code annotations"].append((markers, items))
        elif element.name == "div" and "tabbed-labels" in (element.get("class") or []):
            current["content tabs"].append(len(element.find_all("label")))
    return found


def _empty_section() -> dict:
    return {
        "link targets": [],
        "admonitions": [],
        "tables (rows x columns)": [],
        "diagrams": 0,
        "code blocks": [],
        "code annotations": [],
        "content tabs": [],
    }


def parity_problems(pages: dict[str, Path]) -> list[str]:
    """Every difference in structure between the languages of one page, section by section: each
    language against the default one (or, without it, the first given), as 'FILE vs REFERENCE: ...'."""
    reference, *others = sorted(pages, key=lambda lang: lang != default_language())
    ref = sections(pages[reference])
    problems = []
    for lang in others:
        path = pages[lang]
        other = sections(path)
        found = []
        if list(ref) != list(other):
            found.append(f"section anchors differ:\n  {reference}: {list(ref)}\n  {lang}: {list(other)}")
        for anchor in [key for key in ref if key in other]:
            for what in ref[anchor]:
                if ref[anchor][what] == other[anchor][what]:
                    continue
                if what == "code blocks":
                    found.append(
                        f"#{anchor}: code blocks differ ({len(ref[anchor][what])} in {reference}, "
                        f"{len(other[anchor][what])} in {lang}, or the same number with other code): "
                        "every language shows the same code in the same order"
                    )
                else:
                    found.append(
                        f"#{anchor}: {what} differ:\n  {reference}: {ref[anchor][what]}\n  {lang}: {other[anchor][what]}"
                    )
        where = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        problems += [f"{where} vs {pages[reference].name}: {problem}" for problem in found]
    return problems
