"""Make a snippet's twin for another SQLAlchemy line: the same program, with that line's output.

    python scripts/new_twin.py snippets/engine/pool.py [--line 2.0] [--no-run]

copies snippets/engine/pool.py to snippets/engine/pool.sqla20.py without its annotation markers
(a twin's tab on the page has no notes), then writes the twin's `#>` lines from a real run on
that line, with the snippet tests in that line's nox session:

    nox -R -s snippets-2.0 -- --update-examples "tests/test_snippets.py::test_snippet_output[snippets/engine/pool.sqla20.py]"

and says what to do next. `--no-run` only copies. `--line` may be left out while the table in
pyproject.toml has one line besides the first. It refuses a file that is itself a twin, a file
outside the snippets folder, and a twin that exists already. SESSIONBOOK_SNIPPETS names another
snippets folder, as for tests/test_snippets.py.
"""

from __future__ import annotations

import argparse
import os
import shlex
import subprocess
import sys
from pathlib import Path

from tooling.lines import is_twin, lines, twin
from tooling.pages import INCLUDE
from tooling.repo import DOCS, ROOT, SNIPPETS, markdown_pages
from tooling.snippets import snippet_id, without_annotations


def main(argv: list[str] | None = None) -> int:
    others = [one.line for one in lines()[1:]]
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("file", type=Path, help="the snippet, such as snippets/engine/pool.py")
    parser.add_argument(
        "--line", choices=others, required=len(others) != 1, default=others[0] if len(others) == 1 else None
    )
    parser.add_argument("--no-run", action="store_true", help="copy only; do not run the snippet on the line")
    args = parser.parse_args(argv)

    folder = Path(os.environ.get("SESSIONBOOK_SNIPPETS", SNIPPETS)).resolve()
    program = args.file.resolve()
    if not program.is_file() or program.suffix != ".py" or not program.is_relative_to(folder):
        parser.error(f"{args.file} is not a snippet: a .py file in {folder}")
    if is_twin(program):
        parser.error(f"{args.file} is itself a twin; name the program it belongs to")
    line = next(one for one in lines() if one.line == args.line)
    made = twin(program, line)
    node = f"tests/test_snippets.py::test_snippet_output[{snippet_id(made, folder)}]"
    command = ["nox", "-R", "-s", f"snippets-{line.line}", "--", "--update-examples", node]
    if made.exists():
        parser.error(f"{snippet_id(made, folder)} exists already; to rewrite its output: {shlex.join(command)}")
    made.write_text(without_annotations(program.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"new_twin.py: copied {snippet_id(program, folder)} to {snippet_id(made, folder)}")

    if args.no_run:
        print(f"new_twin.py: to write {line.line}'s output into it: {shlex.join(command)}")
    else:
        print(f"new_twin.py: {shlex.join(command)}", flush=True)
        run = [sys.executable, "-m", "nox", "-f", str(ROOT / "noxfile.py"), *command[1:]]
        if subprocess.run(run, cwd=ROOT, check=False).returncode:
            print(f"new_twin.py: the run failed; {snippet_id(made, folder)} keeps the output of {program.name}")
            return 1
        if line.normalize(made.read_text(encoding="utf-8")) == without_annotations(program.read_text(encoding="utf-8")):
            print(
                f"new_twin.py: SQLAlchemy {line.line} prints the same as {lines()[0].line} (up to its text-only "
                f"differences): the snippet needs no twin; delete {snippet_id(made, folder)}"
            )
            return 0
    print(next_steps(program, made, line.line, folder))
    return 0


def next_steps(program: Path, made: Path, line: str, folder: Path) -> str:
    included = str(program.relative_to(folder))
    pages = [
        str(page.relative_to(DOCS))
        for page in markdown_pages()
        if any(match[1] == included for match in INCLUDE.finditer(page.read_text(encoding="utf-8")))
    ]
    first = lines()[0].line
    tab = '=== "SQLAlchemy {}"\n\n    ```python\n    --8<-- "{}"\n    ```\n'
    return (
        "Next:\n"
        f"- Review what {line} prints differently: "
        f"git diff --no-index {snippet_id(program, folder)} {snippet_id(made, folder)}\n"
        f"- On every page that includes {included} ({', '.join(pages) or 'none yet'}), in every language, "
        "replace its block with both tabs, and say why they differ (a section include keeps its :part):\n\n"
        + tab.format(first, included)
        + "\n"
        + tab.format(line, str(made.relative_to(folder)))
    )


if __name__ == "__main__":
    sys.exit(main())
