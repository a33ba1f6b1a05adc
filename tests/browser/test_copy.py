"""The copy button on every code block copies exactly the code on the page, and what it copies
from a whole snippet runs as a reader runs it: `python file.py` in a new process, in an empty
folder, printing what its `#>` lines say."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from tooling.databases import DATABASES
from tooling.lines import is_twin
from tooling.pages import code_blocks
from tooling.repo import SNIPPETS, default_language, languages, page_pairs, url_dir
from tooling.snippets import parse_needs, printed

PAIRS = page_pairs()
# Material's copy drops an annotation marker `# (1)!` but keeps the spaces before it.
ANNOTATION = re.compile(r"#\s*\(\d+\)!?[ \t]*$", re.MULTILINE)
# A block in a content tab ("SQLite | PostgreSQL") is visible only while its tab is selected.
SHOW_TAB = """button => {
  const block = button.closest('.tabbed-block');
  if (!block) return;
  const index = [...block.parentElement.children].indexOf(block);
  block.closest('.tabbed-set').querySelectorAll(':scope > input')[index].click();
}"""


def run_as_a_reader(text: str, folder, env: dict) -> subprocess.CompletedProcess:
    program = folder / "snippet.py"
    program.write_text(text, encoding="utf-8")
    return subprocess.run(
        [sys.executable, str(program)], cwd=folder, env=env, capture_output=True, text=True, timeout=300, check=False
    )


@pytest.mark.parametrize("name, lang", [(n, lang) for n in sorted(PAIRS) if n.endswith(".md") for lang in languages()])
def test_copy_button_copies_the_runnable_snippet(browser, served, name, lang, tmp_path, request):
    blocks = [b for b in code_blocks(PAIRS[name][lang]) if not b["info"].startswith("mermaid")]
    if not blocks:
        pytest.skip(f"{name} has no code blocks")
    url = served.base + url_dir(name, lang)
    page, visit = browser.load(url, served.base, idle=False)
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true })")
    buttons = page.locator("article .highlight button.md-code__button[data-md-type=copy]")
    assert buttons.count() == len(blocks), f"{url}: {buttons.count()} copy buttons for {len(blocks)} code blocks"
    copied = []
    for i in range(len(blocks)):
        page.evaluate("navigator.clipboard.writeText('')")
        buttons.nth(i).evaluate(SHOW_TAB)
        buttons.nth(i).click(force=True)
        page.wait_for_function("async () => (await navigator.clipboard.readText()) !== ''", timeout=5000, polling=50)
        copied.append(page.evaluate("navigator.clipboard.readText()"))
    page.context.close()
    assert not visit.problems, visit.problems
    for block, text in zip(blocks, copied):
        what = block["include"] or "inline block"
        # Material's copy drops the annotation markers and the final newline; nothing else.
        assert text + "\n" == ANNOTATION.sub("", block["text"]).rstrip() + "\n", (
            f"{url}: the copy button on {what} copies something else"
        )
        if not block["whole_file"] or is_twin(SNIPPETS / block["file"]) or lang != default_language():
            # A part of a file does not run alone; a twin runs on its own line (noxfile.py); the other
            # language's page copies the same file, which the text comparison above has shown.
            continue
        env = {**os.environ}
        for database in parse_needs(text, f"{url}: the copied {what}").servers:  # its first line, as copied
            server = request.getfixturevalue("servers")(database)
            env[DATABASES[database].variable] = server.create_database("copied_" + re.sub(r"\W", "_", block["file"]))
        folder = tmp_path / re.sub(r"\W", "_", block["file"])
        folder.mkdir()
        result = run_as_a_reader(text + "\n", folder, env)
        assert result.returncode == 0 and not result.stderr, (
            f"{url}: the copied {what} failed as a program:\n{result.stderr}"
        )
        out = re.sub(r"\s+", "", result.stdout)
        position = 0
        for line in printed(text):
            found = out.find(line, position)
            assert found >= 0, f"{url}: running the copied {what} did not print {line!r} where its #> lines say"
            position = found + len(line)
