"""axe-core (through axe-playwright-python) on every page: no serious or critical violation, with
every rule in the light theme and the colour rules in the dark one."""

from __future__ import annotations

import pytest

from tooling.repo import languages, page_pairs


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("name, lang", [(n, lang) for n in sorted(page_pairs()) for lang in languages()])
def test_no_serious_accessibility_violations(desktop, name, lang, theme):
    violations = desktop.facts[f"axe_{theme}"]
    assert not violations, f"{desktop.url} ({theme}): axe-core found:\n" + "\n".join(violations)
