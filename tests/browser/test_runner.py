"""The Run buttons (hooks/runner.py) in Chromium: every snippet declared `(runs in a browser)` runs
on its page, in the reader's browser, and prints what its `#>` lines say.

For each page of the default language that shows such a snippet, one load: no request for the
runtime before the first press, then Run pressed on every runnable block in turn, in the page's
one worker, on the block's own SQLAlchemy line (a 2.0 twin on 2.0). What the browser printed is
checked here with the harness's own rule (tooling.snippets.missing_output, after the line's
text-only rewrites for a program without a twin, as tests/test_snippets.py does), and the page
must have marked every `#>` line as matching. Nothing may be requested from another host.
One page in the other languages: the buttons are there, and edit, run on the other line, reset,
the accessible names and axe on the runner's parts.

All pages share one browser context per worker, so the runtime is fetched once and then comes
from the HTTP cache.
"""

from __future__ import annotations

import time

import pytest

from tooling.lines import lines, program, twin
from tooling.pages import code_blocks
from tooling.repo import SNIPPETS, default_language, other_languages, page_pairs, url_dir
from tooling.snippets import missing_output, needs

PAIRS = page_pairs()
RUNTIME_PATHS = ("/assets/runtime/", "/assets/runner/", "runner-worker.js")
WAIT_MS = 120_000  # a cold start on a loaded 2-core machine takes 10 to 20 s; one run at most a few


def runnable(name: str, lang: str) -> list[str]:
    """The snippet files of a page's blocks that get a Run button, in order."""
    return [
        block["file"]
        for block in code_blocks(PAIRS[name][lang])
        if block["info"] == "python" and block["whole_file"] and needs(SNIPPETS / block["file"]).browser
    ]


RUNNABLE = {name: runnable(name, default_language()) for name in sorted(PAIRS) if name.endswith(".md")}
PAGES = [name for name, files in RUNNABLE.items() if files]


def line_of(file: str):
    return next((one for one in lines()[1:] if file.endswith(one.twin_suffix)), lines()[0])


def check(file: str, stdout: str) -> str | None:
    """The first `#>` line of the block's snippet on its line that `stdout` lacks, as the harness
    judges it; None when all are there."""
    line = line_of(file)
    path = program(SNIPPETS / file)
    source = twin(path, line)
    if not source.exists():
        source = path
        stdout = line.normalize(stdout)
    return missing_output(source.read_text(encoding="utf-8"), stdout)


@pytest.fixture(scope="module")
def tab(browser, served):
    """One page (and so one browser context and HTTP cache) for every page this worker runs."""
    if not (served.directory / "assets" / "runtime").is_dir():
        pytest.fail(
            f"{served.directory} has no assets/runtime/: run `python -m tooling.runtime` before building "
            "(the build logs why it left the Run buttons out)"
        )
    page, visit = browser.open(served.base, served.base, search_index=False)
    yield page, visit
    page.context.close()


def press(page, visit, index: int) -> dict:
    """Press the index-th Run button (in a hidden content tab too) and wait for its output."""
    # The button's own click(): the handler a reader's press runs. A pointer click could land beside
    # it: Material mounts a block when it scrolls into view (content.lazy), which moves the layout
    # under the pointer, and a block in a hidden tab cannot be clicked at all.
    page.locator("[data-run-go]").nth(index).evaluate("button => button.click()")
    output = page.locator(".run__output").nth(index)
    from playwright.sync_api import TimeoutError

    try:
        page.wait_for_function("output => output.dataset.matched", arg=output.element_handle(), timeout=WAIT_MS)
    except TimeoutError:
        shown = output.evaluate("output => output.innerText")
        raise AssertionError(
            f"{page.url}: Run button {index} had no result after {WAIT_MS / 1000:.0f} s; its output region "
            f"shows {shown!r}; console errors and failed requests so far: {visit.problems}"
        ) from None
    return output.evaluate(
        """output => ({
          matched: output.dataset.matched,
          stdout: output.querySelector('.run__stdout')?.textContent ?? '',
          error: output.querySelector('.run__error')?.textContent ?? '',
        })"""
    )


@pytest.mark.parametrize("name", PAGES)
def test_every_runnable_snippet_prints_its_output_in_the_browser(tab, served, name):
    page, visit = tab
    url = served.base + url_dir(name, default_language())
    start = len(visit.requests)
    page.goto(url, wait_until="load")
    before = visit.requests[start:]
    files = RUNNABLE[name]
    assert page.locator("[data-run-go]").count() == len(files), (
        f"{url}: {page.locator('[data-run-go]').count()} Run buttons for {len(files)} runnable snippets ({files})"
    )
    early = [request for request in before if any(part in request for part in RUNTIME_PATHS)]
    assert not early, f"{url} requested the runtime before any press: {early}"
    timings, wrong = [], []
    # Every block of one line, then every block of the next: the worker imports each line's
    # SQLAlchemy once.
    for index, file in sorted(enumerate(files), key=lambda pair: lines().index(line_of(pair[1]))):
        began = time.monotonic()
        result = press(page, visit, index)
        timings.append(round(time.monotonic() - began, 2))
        if result["error"]:
            wrong.append(f"{file}: the browser run raised or wrote to stderr:\n{result['error']}")
            continue
        missing = check(file, result["stdout"])
        if missing is not None:
            wrong.append(
                f"{file}: the browser did not print {missing!r} where its #> lines say; it printed:\n{result['stdout']}"
            )
        total = result["matched"].split("/")[1]
        if result["matched"] != f"{total}/{total}":
            wrong.append(f"{file}: the page marked only {result['matched']} of its #> lines as matching")
    print(f"\n{name}: {len(files)} snippets, seconds per run {timings}")
    assert not wrong, f"{url}:\n" + "\n".join(wrong)
    assert not visit.external, f"{url}: requests to another host: {visit.external}"
    assert not visit.problems, f"{url}: {visit.problems}"


EDITED = '\nimport sqlalchemy\nprint("edited, on", sqlalchemy.__version__)\n'


SCHEMES = {"light": "default", "dark": "slate"}  # Material's names for the two colour schemes


@pytest.mark.parametrize("lang", other_languages(default_language()))
def test_edit_run_on_another_line_and_reset(tab, served, lang):
    """The first runnable page in another language: its buttons, their accessible names, an edited
    run on the other SQLAlchemy line, reset, and axe on the runner's parts in both colour schemes."""
    from axe_playwright_python.sync_playwright import Axe

    name = PAGES[0]
    page, visit = tab
    url = served.base + url_dir(name, lang)
    page.goto(url, wait_until="load")
    assert page.locator("[data-run-go]").count() == len(runnable(name, lang)), f"{url}: not one Run button per snippet"
    bar = page.locator(".run").first
    press(page, visit, 0)  # the first press gives every bar its other controls
    bar.locator(".run__edit").click()
    editor = page.get_by_role("textbox", name=page.locator(".run__editor").first.get_attribute("aria-label"))
    assert editor.count() == 1, f"{url}: the editor has no accessible name"
    original = editor.input_value()
    editor.fill(original + EDITED)
    bar.locator(".run__line").select_option(lines()[1].line)
    result = press(page, visit, 0)
    assert f"edited, on {lines()[1].version}" in result["stdout"], (
        f"{url}: the edited code did not run on {lines()[1].line}: {result}"
    )
    region = page.get_by_role("region", name=page.locator(".run__output").first.get_attribute("aria-label"))
    assert region.count() >= 1, f"{url}: the output has no accessible name"
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        page.wait_for_function(f"document.body.dataset.mdColorScheme === {SCHEMES[scheme]!r}", timeout=5000)
        violations = Axe().run(page, context={"include": [[".run"], [".run__output"], [".run__editor"]]}).response
        serious = [v["id"] for v in violations["violations"] if v["impact"] in ("serious", "critical")]
        assert not serious, f"{url} ({scheme}): axe finds {serious} in the runner"
    bar.locator(".run__reset").click()
    assert page.locator(".run__editor").count() == 0 and page.locator(".highlight pre").first.is_visible()
    bar.locator(".run__line").select_option(lines()[0].line)
    result = press(page, visit, 0)
    assert "edited" not in result["stdout"] and not result["error"], f"{url}: reset did not restore: {result}"
    assert check(RUNNABLE[name][0], result["stdout"]) is None, f"{url}: after reset the output differs: {result}"
    names = page.locator("[data-run-go]").evaluate_all("buttons => buttons.map(b => b.textContent.trim())")
    assert all(names), f"{url}: a Run button without a name"
    assert not visit.external, f"{url}: requests to another host: {visit.external}"
