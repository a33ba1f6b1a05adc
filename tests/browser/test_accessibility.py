"""axe-core (through axe-playwright-python) on every page: no serious or critical violation, with
every rule in the light theme and the colour rules in the dark one; and every code annotation,
mounted or not at load, named for screen readers."""

from __future__ import annotations

import pytest

from tooling.axe import REPEATED, CheckedStyles, axe_violations
from tooling.repo import languages, page_pairs

# Blocks drawn like earlier ones, then text with a colour no block before it had (#aaa on white: 2.3
# to 1), and a block that repeats the first one's colours on a background of its own.
PAGE = """<!doctype html><html lang="en"><title>Repeats</title><main><article>{}</article></main></html>"""
REPEATS = PAGE.format("""
<p>Plain text, <code>code</code>.</p>
<div class="highlight"><pre><code><span style="color: #204a87">import</span> x</code></pre></div>
<p>Plain text again, <code>more code</code>.</p>
<div class="highlight"><pre><code><span style="color: #204a87">from</span> y</code></pre></div>
<p>Plain text, and <span id="pale" style="color: #aaa">pale text</span>.</p>
<div style="background: #1e3a8a"><p id="dark">Plain text on dark blue.</p></div>
""")
# A later page: its plain text was checked on the first one, its orange (2.9 to 1) was not.
LATER = PAGE.format("""<p>Plain text.</p><p>And <span id="orange" style="color: #f0801a">orange</span>.</p>""")


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


def test_repeated_styles_hide_no_contrast_failure(browser, tmp_path):
    """The colour rules skip a block whose every text style was checked before, on the page or on
    an earlier one (tooling/axe.py): the repeats are skipped, and a new colour, or an old colour on
    a new background, is still found; a later page made only of checked styles is not checked
    again, and one with a new colour is."""
    checked = CheckedStyles(tmp_path / "styles.json")
    context = browser.chromium.new_context()
    try:
        page = context.new_page()
        page.set_content(REPEATS)
        first = axe_violations(page, "light", checked)
        repeated = page.eval_on_selector_all(f"[{REPEATED}]", "els => els.map(el => el.textContent.trim())")
        again = axe_violations(page, "light", checked, only_colours=True)
        page.set_content(LATER)
        later = axe_violations(page, "light", checked, only_colours=True)
        dark = axe_violations(page, "dark", checked, only_colours=True)
    finally:
        context.close()
    assert repeated == ["Plain text again, more code.", "from y"], repeated
    assert len(first) == 1 and first[0].startswith("color-contrast"), first
    assert "#pale" in first[0] and "#dark" in first[0], first
    assert again == [], f"a page checked before is not checked again: {again}"
    assert len(later) == 1 and "#orange" in later[0] and "#pale" not in later[0], later
    assert len(dark) == 1 and "#orange" in dark[0], f"the other theme's styles are its own: {dark}"
