"""A Run button on every code block that shows a whole snippet declared `(runs in a browser)`.

The reader's browser runs the block's code under Pyodide in a Web Worker
(docs/assets/javascripts/runner.js and runner-worker.js), with the SQLAlchemy wheel of the line
the reader chooses, and marks each `#>` line of the page as printed or not. Nothing of the
runtime loads before the first click, and all of it comes from this site:

- on_config: is the runtime in the cache (tooling/runtime.py)? Without it the pages get no
  button and the build says why in one log line; under CI=true the build fails instead.
- on_page_markdown: a comment `<!-- run: FILE -->` before each runnable fence (a whole-file
  include of a snippet declared to run in a browser);
- on_page_content: the comment becomes `data-run="FILE"` on the block's highlight div;
- on_post_page: pages with such a block get runner.js and the label of its Run button, which
  says the first run downloads the runtime and its size, in the page's language; the other
  strings (`extra: strings:`, run_*) go to assets/runner/strings.LANG.json for runner-ui.js,
  which the first press loads with runner.css: a page weighs a few hundred bytes more before;
- on_post_build: the runtime (Pyodide's core, the wheels) in assets/runtime/, and
  assets/runner/checks.json: for each runnable snippet and each SQLAlchemy line, the `#>` lines
  that line's run must print (the twin's where there is one) as tooling.snippets.printed reads
  them, and the line's text-only rewrites (tooling/lines.py); and in assets/runner/ the Python
  the worker runs: tooling/browser_run.py, which compares with tooling/marks.py.
  (hooks/minify_own_assets.py minifies runner.js and the rest of our scripts and styles.)
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.utils import get_relative_url

from tooling import runtime
from tooling.lines import lines, program, twin
from tooling.pages import FENCE, INCLUDE
from tooling.snippets import OUTPUT, DeclarationError, needs, printed

log = get_plugin_logger("runner")
MARK = re.compile(r'<!-- run: ([\w./-]+) -->\s*(<div class="[^"]*\bhighlight\b[^"]*")')
# runner.js is all a page with a Run button loads before a press; the rest comes with the first press.
SCRIPT = "assets/javascripts/runner.js"
# What the worker runs in Pyodide, copied to assets/runner/: one definition for the tests and the browser.
TOOLING = Path(runtime.__file__).parent
PYTHON = ("browser_run.py", "marks.py")
state = {"ready": False, "folder": None, "runnable": set(), "size": 0}


def on_config(config):
    base = config.mdx_configs["pymdownx.snippets"]["base_path"][0]
    state["folder"] = Path(config.config_file_path).parent / base
    state["runnable"] = set()
    problems = runtime.missing()
    state["ready"] = not problems
    if problems:
        why = f"the browser runtime is not in the cache ({problems[0]}): run `python -m tooling.runtime`"
        if os.environ.get("CI") == "true":
            raise PluginError(f"hooks/runner.py: {why}")
        log.info(f"no Run buttons on the pages: {why}")
    else:
        state["size"] = runtime.first_run_bytes()
    return config


def runnable(file: str) -> bool:
    path = state["folder"] / file
    try:
        return path.is_file() and needs(path).browser
    except DeclarationError:
        return False  # hooks/verified_versions.py fails the build, naming the file


def on_page_markdown(markdown, page, config, files):
    if not state["ready"]:
        return markdown

    def mark(fence: re.Match) -> str:
        include = INCLUDE.search(fence["body"])
        if fence["info"].strip() != "python" or not include or include[2] or not runnable(include[1]):
            return fence[0]
        state["runnable"].add(include[1])
        return f"{fence['indent']}<!-- run: {include[1]} -->\n\n{fence[0]}"

    return FENCE.sub(mark, markdown)


def on_page_content(html, page, config, files):
    return MARK.sub(r'\2 data-run="\1"', html) if state["ready"] else html


def run_strings(config) -> dict:
    """The runner's strings in the language being built, the runtime's size filled in."""
    size = f"{state['size'] / 1e6:.1f} MB"
    return {
        key: value.replace("{size}", size) for key, value in config.extra["strings"].items() if key.startswith("run_")
    }


def on_post_page(output, page, config):
    if not state["ready"] or 'data-run="' not in output:
        return output
    strings = run_strings(config)
    file = Path(config.site_dir) / "assets" / "runner" / f"strings.{config.theme['language']}.json"
    if not file.is_file():
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(json.dumps(strings, ensure_ascii=False), encoding="utf-8")
    data = {"first": strings["run_first"], "assets": get_relative_url("assets/", page.url)}
    return output.replace(
        "</body>",
        f'<script id="__runner" type="application/json">{json.dumps(data, ensure_ascii=False)}</script>'
        f'<script src="{get_relative_url(SCRIPT, page.url)}" defer></script></body>',
        1,
    )


def checks(folder: Path, files: set[str]) -> dict:
    """What each runnable snippet's run must print on each line (see the module's docstring)."""
    first = lines()[0]
    result = {}
    for file in sorted(files):
        path = program(folder / file)
        result[file] = {}
        for one in lines():
            source = twin(path, one) if twin(path, one).exists() else path
            text = source.read_text(encoding="utf-8")
            shown = [
                line
                for one_line, block in OUTPUT.findall(text)
                for line in ([one_line] if not block else block.splitlines())
                if line.strip()
            ]
            expected = printed(text)
            assert len(shown) == len(expected), f"{source}: printed() and the #> lines disagree"
            rewrites = [] if one == first or source != path else [[p.pattern, r] for p, r in one.text_only]
            result[file][one.line] = {"shown": shown, "expected": expected, "text_only": rewrites}
    return result


def on_post_build(config):
    if not state["ready"]:
        return
    site = Path(config.site_dir)
    folder = site / "assets" / "runtime"
    folder.mkdir(parents=True, exist_ok=True)
    for name, cached in runtime.site_files().items():
        file = folder / name
        if not file.is_file() or file.stat().st_size != cached.stat().st_size:
            shutil.copyfile(cached, file)
    wheels = {one.line: runtime.compiled(runtime.WHEELS[one.version].name) for one in lines()}
    runner = site / "assets" / "runner"
    runner.mkdir(parents=True, exist_ok=True)
    for module in PYTHON:
        shutil.copyfile(TOOLING / module, runner / module)
    (runner / "checks.json").write_text(
        json.dumps(
            {
                "wheels": wheels,
                "packages": [runtime.compiled(runtime.TYPING_EXTENSIONS.name)],
                "snippets": checks(state["folder"], state["runnable"]),
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
