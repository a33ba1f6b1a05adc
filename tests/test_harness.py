"""The checks must be able to fail. Each test here feeds the real harness a broken input and
expects a loud failure that names the file."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, build


def run_snippet_tests(folder: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", str(ROOT / "tests" / "test_snippets.py")],
        capture_output=True, text=True, cwd=ROOT, env={**os.environ, "SESSIONBOOK_SNIPPETS": str(folder)},
    )


def test_a_wrong_output_line_fails(tmp_path):
    (tmp_path / "wrong_output.py").write_text('print(1 + 1)\n#> 3\n')
    result = run_snippet_tests(tmp_path)
    assert result.returncode == 1, result.stdout
    assert "wrong_output.py" in result.stdout
    assert "-#> 3" in result.stdout and "+#> 2" in result.stdout, result.stdout


def test_a_snippet_that_raises_fails_cleanly_naming_file_and_line(tmp_path):
    (tmp_path / "raises.py").write_text('print("before")\n#> before\nraise ValueError("boom")\n')
    result = run_snippet_tests(tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "INTERNALERROR" not in result.stdout + result.stderr
    assert "raises.py:3: ValueError" in result.stdout, result.stdout


def test_a_right_snippet_passes(tmp_path):
    (tmp_path / "right.py").write_text('print(1 + 1)\n#> 2\n')
    result = run_snippet_tests(tmp_path)
    assert result.returncode == 0, result.stdout


def mini_site(tmp_path: Path, page: str, notebook: dict | None = None) -> Path:
    """A one-page copy of the real configuration, for proving the build fails."""
    shutil.copytree(ROOT / "overrides", tmp_path / "overrides")
    shutil.copytree(ROOT / "hooks", tmp_path / "hooks")
    (tmp_path / "snippets").mkdir()
    (tmp_path / "snippets" / "ok.py").write_text('print("ok")\n#> ok\n')
    docs = tmp_path / "docs"
    docs.mkdir()
    nav = ["index.md"]
    for lang in ("ko", "en"):
        (docs / f"index.{lang}.md").write_text(page)
        if notebook:
            (docs / f"lab.{lang}.ipynb").write_text(json.dumps(notebook))
    if notebook:
        nav.append("lab.ipynb")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"^nav:\n(?:  - .*\n)+", "nav:\n" + "".join(f"  - {n}\n" for n in nav), config, flags=re.M)
    config = config.replace("extra_css:\n  - assets/stylesheets/extra.css\n", "")
    (tmp_path / "mkdocs.yml").write_text(config)
    return tmp_path / "mkdocs.yml"


GOOD_PAGE = '# Home { #home }\n\n```python\n--8<-- "ok.py"\n```\n\n[top](#home)\n'


def test_the_mini_site_builds(tmp_path):
    result = build(mini_site(tmp_path, GOOD_PAGE), tmp_path / "site")
    assert result.returncode == 0, result.stderr


def test_a_missing_snippet_fails_the_build(tmp_path):
    result = build(mini_site(tmp_path, GOOD_PAGE.replace("ok.py", "gone.py")), tmp_path / "site")
    assert result.returncode != 0
    assert "gone.py" in result.stderr, result.stderr


def test_a_broken_anchor_fails_the_build(tmp_path):
    result = build(mini_site(tmp_path, GOOD_PAGE.replace("(#home)", "(#nowhere)")), tmp_path / "site")
    assert result.returncode != 0
    assert "nowhere" in result.stderr, result.stderr


def test_a_notebook_cell_that_raises_fails_the_build(tmp_path):
    notebook = {
        "cells": [{"cell_type": "code", "id": "raises", "execution_count": None, "metadata": {}, "outputs": [],
                   "source": ["raise RuntimeError('cell failed')"]}],
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
        "nbformat": 4, "nbformat_minor": 5,
    }
    result = build(mini_site(tmp_path, GOOD_PAGE, notebook), tmp_path / "site")
    assert result.returncode != 0
    assert "cell failed" in result.stderr + result.stdout, result.stderr
