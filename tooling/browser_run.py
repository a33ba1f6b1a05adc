"""The Python half of the browser runner (hooks/runner.py): what runner-worker.js runs in Pyodide.

The build copies this file, and tooling/marks.py beside it, to assets/runner/; the worker puts
both in /runner, first on sys.path, and calls run() for each press of a Run button. It runs under
Pyodide only (`from marks import marks` is that folder's marks.py): the browser tests press every
Run button (tests/browser/test_runner.py).
"""

import contextlib
import importlib
import io
import json
import linecache
import os
import sys
import traceback

from marks import marks

_state = {"line": None, "runs": 0}
_imported = {}  # line folder -> that line's sqlalchemy modules, kept while another line runs


def _use(folder: str) -> None:
    """Put a line's SQLAlchemy first: the other line's modules are set aside, not imported again."""
    if _state["line"] == folder:
        return
    if _state["line"]:
        _imported[_state["line"]] = {
            n: sys.modules.pop(n) for n in list(sys.modules) if n == "sqlalchemy" or n.startswith("sqlalchemy.")
        }
        sys.path.remove(_state["line"])
    sys.modules.update(_imported.pop(folder, {}))
    sys.path.insert(0, folder)
    importlib.invalidate_caches()
    _state["line"] = folder


def run(code: str, line: str, expected: list, text_only: list) -> str:
    """Run the reader's code as snippet.py on SQLAlchemy `line` in a fresh working folder; JSON of
    what it printed, the traceback if it raised, and the marks of the page's `#>` lines."""
    _use("/lines/" + line)
    _state["runs"] += 1
    work = f"/home/pyodide/run{_state['runs']}"
    os.makedirs(work)
    os.chdir(work)
    out, err, error = io.StringIO(), io.StringIO(), None
    linecache.cache["snippet.py"] = (len(code), None, code.splitlines(True), "snippet.py")  # for the traceback
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            exec(compile(code, "snippet.py", "exec"), {"__name__": "__main__", "__file__": "snippet.py"})  # noqa: S102 (the reader's code, in the reader's browser)
    except BaseException as exc:  # noqa: BLE001 (the reader's code: report anything, SystemExit included)
        error = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__.tb_next))
    finally:
        os.chdir("/home/pyodide")
    stdout = out.getvalue()
    return json.dumps(
        {
            "stdout": stdout,
            "stderr": err.getvalue(),
            "error": error,
            "marks": marks(expected, stdout, [tuple(pair) for pair in text_only]),
        }
    )
