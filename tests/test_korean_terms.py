"""Every Korean page and notebook uses the glossary's terms, not a variant the glossary forbids
(the table is `VARIANTS` in tooling/korean_terms.py; README, "Languages")."""

from __future__ import annotations

import json
import re

import pytest

from tooling.korean_terms import (
    GLOSSARY,
    SPARED,
    VARIANTS,
    file_paren_breaks,
    file_violations,
    korean_files,
    text_paren_breaks,
    text_violations,
)


def where(line: int) -> str:
    return f"page.ko.md:{line}"


@pytest.mark.parametrize("path", korean_files(), ids=lambda path: path.name)
def test_no_forbidden_variant(path):
    found = [str(violation) for violation in file_violations(path)]
    assert not found, f"{len(found)} forbidden variant(s) in {path.name}:\n" + "\n".join(found)


@pytest.mark.parametrize("path", korean_files(), ids=lambda path: path.name)
def test_no_line_break_before_a_parenthesis(path):
    found = file_paren_breaks(path)
    assert not found, "\n".join(found)


def test_a_parenthesis_after_a_line_break_is_found():
    page = (
        "첫 줄은 이렇게 끝나고\n(괄호로 시작하는 줄)\n\n(문단을 여는 괄호)\n\n```python\nprint(\n    (1, 2)\n)\n```\n"
    )
    assert [p.split(":")[1] for p in text_paren_breaks(page, where)] == ["2"]


@pytest.mark.parametrize("variant", VARIANTS, ids=lambda variant: variant.anchor)
def test_each_variant_is_found_in_its_example(variant):
    found = [v.variant for v in text_violations(f"첫 줄입니다.\n{variant.example}\n", where)]
    assert variant in found, f"{variant.pattern!r} does not match its own example {variant.example!r}"


def test_every_variant_names_a_glossary_entry():
    anchors = set(re.findall(r"\{ #([a-z0-9-]+) \}", GLOSSARY.read_text(encoding="utf-8")))
    missing = sorted({variant.anchor for variant in VARIANTS} - anchors)
    assert not missing, f"tooling/korean_terms.py names glossary entries that docs/glossary.ko.md lacks: {missing}"


@pytest.mark.parametrize("word", SPARED, ids=[f"spared-{n}" for n in range(len(SPARED))])  # ASCII ids
def test_words_in_another_sense_are_spared(word):
    assert not text_violations(word, where), f"{word!r} is not a variant, but: {text_violations(word, where)}"


def test_the_failure_names_file_line_variant_and_term():
    (found,) = text_violations("## 제목 { #title }\n\n풀에서 쉬는 커넥션이 닫힙니다.\n", where)
    assert str(found) == 'page.ko.md:3: "쉬는": use 유휴 (유휴 커넥션, 유휴 상태) (glossary.ko.md#idle-connection)'


def test_code_and_diagrams_are_allowed():
    page = "```mermaid\nflowchart LR\n  A[쉬는 커넥션] --> B\n```\n\n`deprecated=True`는 인자입니다.\n"
    assert not text_violations(page, where)
    # Korean inside inline code is a placeholder a reader reads: still checked.
    assert [v.found for v in text_violations("`테이블_열`을 씁니다.", where)] == ["열"]


def test_the_glossary_may_name_what_it_forbids():
    assert not text_violations(
        '### 폐기 예정 · deprecated { #deprecated }\n\n"라인"이라고 쓰지 않습니다.\n', where, glossary=True
    )
    assert text_violations("두 라인에서 확인합니다.\n", where, glossary=True)
    assert GLOSSARY in korean_files()


def test_notebook_markdown_cells_are_checked(tmp_path):
    cells = [
        {"cell_type": "code", "source": ["# 포크 직후\n"], "metadata": {}, "outputs": [], "execution_count": None},
        {"cell_type": "markdown", "source": ["## 제목\n", "포크 직후에 엔진을 만듭니다.\n"], "metadata": {}},
    ]
    notebook = tmp_path / "lab.ko.ipynb"
    notebook.write_text(json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))
    assert [v.where for v in file_violations(notebook)] == [f"{tmp_path.name}/lab.ko.ipynb: cell 2, line 2"]
