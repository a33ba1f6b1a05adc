"""Every diagram, in both languages, on a desktop and on a phone, as the page really draws it (its
fonts, its styles, its width): no label cut by its shape or by the drawing's edge, no label on top of
another, no line cut at the edge, no blank space before the drawing starts, and no text under
12 CSS px, on a phone or a desktop. The measurements are taken in the shared visits (tooling/diagram_layout.py, run
by the `desktop` and `phone` fixtures of conftest.py); this module only judges them."""

from __future__ import annotations

from itertools import combinations

import pytest

from tooling.mermaid import FOLDER, diagram_count
from tooling.repo import languages, page_pairs

PAIRS = page_pairs()
DIAGRAM_PAGES = [
    (n, lang) for n in sorted(PAIRS) for lang in languages() if n.endswith(".md") and diagram_count(PAIRS[n][lang])
]
SLACK = 1  # CSS px: boxes may touch, or miss by subpixel rounding
LEAD = 16  # CSS px of blank space allowed before the drawing starts (Mermaid pads it by 8 units)
SMALLEST_TEXT = 12  # CSS px: the smallest diagram text a page may show, on a phone or a desktop


def inside(inner: dict, outer: dict) -> bool:
    return all(
        (inner[side] >= outer[side] - SLACK) if side in ("left", "top") else (inner[side] <= outer[side] + SLACK)
        for side in ("left", "top", "right", "bottom")
    )


def overlap(a: dict, b: dict) -> bool:
    return (
        min(a["right"], b["right"]) - max(a["left"], b["left"]) > SLACK
        and min(a["bottom"], b["bottom"]) - max(a["top"], b["top"]) > SLACK
    )


def diagrams(visit, viewport: str, name: str, lang: str):
    """Each measured diagram, with the words that start its messages."""
    for diagram in visit.facts["diagram_layout"]:
        where = (
            f"{PAIRS[name][lang].name} ({lang}, {viewport} {visit.url}), "
            f"diagram {diagram['index'] + 1} ({FOLDER}/{diagram['id'].removeprefix('diagram-')}.svg)"
        )
        yield diagram, where


def report(problems: list[str]) -> None:
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


def visits(desktop, phone):
    return (("desktop", desktop), ("phone", phone))


@pytest.mark.parametrize("name, lang", DIAGRAM_PAGES)
def test_labels_are_whole_and_apart(desktop, phone, name, lang):
    problems = []
    for viewport, visit in visits(desktop, phone):
        for diagram, where in diagrams(visit, viewport, name, lang):
            view = {"left": 0, "top": 0, "right": diagram["view"]["width"], "bottom": diagram["view"]["height"]}
            labels = diagram["labels"]
            for label in labels:
                text, box = label["text"], label["text_box"]
                if box is None:
                    problems.append(f"{where}: label {text!r} is not drawn")
                elif not inside(box, view):
                    problems.append(f"{where}: label {text!r} is cut by the drawing's edge: {box} in {view}")
                elif label["reserved"] and not inside(box, label["reserved"]):
                    problems.append(
                        f"{where}: label {text!r} overflows the box drawn for it: {box} in {label['reserved']}"
                    )
                elif label["shape"] and not inside(box, label["shape"]):
                    problems.append(f"{where}: label {text!r} sticks out of its shape: {box} in {label['shape']}")
            for a, b in combinations(labels, 2):
                if a["text_box"] and b["text_box"] and overlap(a["text_box"], b["text_box"]):
                    problems.append(f"{where}: label {a['text']!r} and label {b['text']!r} cover each other")
    report(problems)


@pytest.mark.parametrize("name, lang", DIAGRAM_PAGES)
def test_lines_are_whole_and_no_blank_lead(desktop, phone, name, lang):
    problems = []
    for viewport, visit in visits(desktop, phone):
        for diagram, where in diagrams(visit, viewport, name, lang):
            view = {"left": 0, "top": 0, "right": diagram["view"]["width"], "bottom": diagram["view"]["height"]}
            for line in diagram["lines"]:
                if not inside(line, view):
                    problems.append(f"{where}: a line is cut by the drawing's edge: {line} in {view}")
            drawn = diagram["drawn"]
            if drawn["left"] > LEAD or drawn["top"] > LEAD:
                problems.append(
                    f"{where}: the drawing starts after {drawn['left']} px of blank space on the left and "
                    f"{drawn['top']} px on top (at most {LEAD} px)"
                )
            if diagram["offset"] < -SLACK:
                problems.append(f"{where}: the drawing starts {-diagram['offset']} px before its box, out of reach")
    report(problems)


@pytest.mark.parametrize("name, lang", DIAGRAM_PAGES)
def test_text_is_at_least_12_px(desktop, phone, name, lang):
    problems = [
        f"{where}: label {label['text']!r} is {label['px']} px on a {viewport} (at least {SMALLEST_TEXT} px)"
        for viewport, visit in visits(desktop, phone)
        for diagram, where in diagrams(visit, viewport, name, lang)
        for label in diagram["labels"]
        if label["px"] < SMALLEST_TEXT
    ]
    report(problems)
