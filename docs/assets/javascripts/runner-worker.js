// The browser runner's worker (hooks/runner.py, runner.js): Pyodide's core from this site's
// assets/runtime/, with typing-extensions and, for each SQLAlchemy line a run asks for, that line's
// compiled wheel (tooling/runtime.py) unpacked into a folder of its own (/lines/2.1), put first on
// sys.path when a run uses it; another line's modules are set aside, not imported again.
// Each run executes the reader's code as `snippet.py` in a fresh working folder, captures what it
// prints, and marks the page's `#>` lines with tooling/marks.py (assets/runner/marks.py).
import { loadPyodide } from "../runtime/pyodide.mjs"

const runtime = new URL("../runtime/", import.meta.url).href
const GLUE = `
import contextlib, importlib, io, json, linecache, os, sys, traceback
sys.path.insert(0, "/runner")
from marks import marks

_state = {"line": None, "runs": 0}
_imported = {}  # line folder -> that line's sqlalchemy modules, kept while another line runs

def _use(folder):
    """Put a line's SQLAlchemy first: the other line's modules are set aside, not imported again."""
    if _state["line"] == folder:
        return
    if _state["line"]:
        _imported[_state["line"]] = {n: sys.modules.pop(n) for n in list(sys.modules) if n == "sqlalchemy" or n.startswith("sqlalchemy.")}
        sys.path.remove(_state["line"])
    sys.modules.update(_imported.pop(folder, {}))
    sys.path.insert(0, folder)
    importlib.invalidate_caches()
    _state["line"] = folder

def run(code, line, expected, text_only):
    _use("/lines/" + line)
    _state["runs"] += 1
    work = f"/home/pyodide/run{_state['runs']}"
    os.makedirs(work)
    os.chdir(work)
    out, err, error = io.StringIO(), io.StringIO(), None
    linecache.cache["snippet.py"] = (len(code), None, code.splitlines(True), "snippet.py")  # for the traceback
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            exec(compile(code, "snippet.py", "exec"), {"__name__": "__main__", "__file__": "snippet.py"})
    except BaseException as exc:  # the reader's code: report anything, SystemExit included
        error = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__.tb_next))
    finally:
        os.chdir("/home/pyodide")
    stdout = out.getvalue()
    return json.dumps({"stdout": stdout, "stderr": err.getvalue(), "error": error,
                       "marks": marks(expected, stdout, [tuple(pair) for pair in text_only])})
`

const bytes = async url => {
  const response = await fetch(url)
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`)
  return response.arrayBuffer()
}

let pyodide
const wheels = new Map()

async function boot(packages) {
  const py = await loadPyodide({ indexURL: runtime })
  py.FS.mkdirTree("/runner")
  for (const name of packages) py.unpackArchive(await bytes(runtime + name), "zip", { extractDir: "/runner" })
  py.FS.writeFile("/runner/marks.py", new Uint8Array(await bytes(new URL("../runner/marks.py", import.meta.url))))
  py.runPython(GLUE)
  return py
}

function line(py, name, wheel) {
  if (!wheels.has(name))
    wheels.set(name, bytes(runtime + wheel).then(data => py.unpackArchive(data, "zip", { extractDir: "/lines/" + name })))
  return wheels.get(name)
}

let queue = Promise.resolve()
onmessage = ({ data: m }) => {
  queue = queue.then(async () => {
    try {
      pyodide ??= boot(m.packages)
      const py = await pyodide
      await line(py, m.line, m.wheel)
      const result = py.globals.get("run")(m.code, m.line, py.toPy(m.expected), py.toPy(m.text_only))
      postMessage({ id: m.id, ...JSON.parse(result) })
    } catch (error) {
      postMessage({ id: m.id, failed: String(error && error.message || error) })
    }
  })
}
