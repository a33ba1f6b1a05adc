"""axe-core (through axe-playwright-python) on every page: no serious or critical violation, with
every rule in the light theme and the colour rules in the dark one; and every code annotation,
mounted or not at load, named for screen readers."""

from __future__ import annotations

import pytest

from tooling.repo import languages, page_pairs


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("name, lang", [(n, lang) for n in sorted(page_pairs()) for lang in languages()])
def test_no_serious_accessibility_violations(desktop, name, lang, theme):
    violations = desktop.facts[f"axe_{theme}"]
    assert not violations, f"{desktop.url} ({theme}): axe-core found:\n" + "\n".join(violations)


@pytest.mark.parametrize("name, lang", [(n, lang) for n in sorted(page_pairs()) for lang in languages()])
def test_every_annotation_has_a_name(desktop, name, lang):
    """Every code annotation's numbered link, once every block is mounted, has the name site.js
    gives it ("Note 1"): axe-core sees only the blocks Material mounted at load."""
    unnamed = desktop.facts["unnamed_annotations"]
    assert not unnamed, f"{desktop.url}: {len(unnamed)} code annotation link(s) without a name: {unnamed[:5]}"
