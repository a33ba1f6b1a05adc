// The browser runner's worker (hooks/runner.py, runner.js): Pyodide's core from this site's
// assets/runtime/, with typing-extensions and, for each SQLAlchemy line a run asks for, that line's
// compiled wheel (tooling/runtime.py) unpacked into a folder of its own (/lines/2.1), put first on
// sys.path when a run uses it; another line's modules are set aside, not imported again.
// Each run is tooling/browser_run.py's run() (assets/runner/browser_run.py), which marks the page's
// `#>` lines with tooling/marks.py (assets/runner/marks.py).
import { loadPyodide } from "../runtime/pyodide.mjs"

const runtime = new URL("../runtime/", import.meta.url).href

const bytes = async url => {
  const response = await fetch(url)
  if (!response.ok) throw new Error(url + ": HTTP " + response.status)
  return response.arrayBuffer()
}

let pyodide
const wheels = new Map()

async function boot(packages) {
  const py = await loadPyodide({ indexURL: runtime })
  py.FS.mkdirTree("/runner")
  for (const name of packages) py.unpackArchive(await bytes(runtime + name), "zip", { extractDir: "/runner" })
  for (const name of ["marks.py", "browser_run.py"])
    py.FS.writeFile("/runner/" + name, new Uint8Array(await bytes(new URL("../runner/" + name, import.meta.url))))
  py.runPython('import sys\nsys.path.insert(0, "/runner")\nfrom browser_run import run')
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
