// The Run bars in full (hooks/runner.py), loaded by runner.js on the first press of any Run button
// of the page: every bar gets its line chooser, Edit and Reset, and the pressed block runs. The
// code runs in a module worker (runner-worker.js) that starts Pyodide from this site;
// assets/runner/checks.json says which `#>` lines each line's run must print, and
// assets/runner/strings.LANG.json holds the strings of the page's language (`extra: strings:`,
// run_*). No request leaves the site.
export async function start(config) {
  const assets = config.assets
  const lang = document.documentElement.lang
  const link = document.createElement("link")
  link.rel = "stylesheet"
  link.href = assets + "stylesheets/runner.css"
  document.head.append(link)
  const [t, data] = await Promise.all(["runner/strings." + lang + ".json", "runner/checks.json"].map(path => fetch(assets + path).then(r => r.json())))
  const lines = Object.keys(data.wheels)
  let worker, started = false
  const waiting = new Map()
  let next = 0

  function call(message) {
    if (!worker) {
      worker = new Worker(assets + "javascripts/runner-worker.js", { type: "module" })
      worker.onmessage = ({ data }) => { waiting.get(data.id)(data); waiting.delete(data.id) }
      worker.onerror = event => {
        for (const [id, done] of waiting) done({ id, failed: event.message || "worker error" })
        waiting.clear()
      }
    }
    return new Promise(done => {
      const id = ++next
      waiting.set(id, done)
      worker.postMessage({ ...message, id })
    })
  }

  const element = (tag, attributes = {}, text) => {
    const node = document.createElement(tag)
    for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value)
    if (text !== undefined) node.textContent = text
    return node
  }

  // The block's code as a reader would copy it: the annotation markers Material draws are left out.
  function codeOf(block) {
    const code = block.querySelector("pre > code").cloneNode(true)
    code.querySelectorAll(".md-annotation").forEach(marker => marker.remove())
    return code.textContent
  }

  // The line a block shows: a twin (NAME.sqla20.py) its own, any other file the first line.
  const lineOf = file => lines.find(line => file.endsWith(".sqla" + line.replace(".", "") + ".py")) || lines[0]

  // The bar runner.js put under the block, with its Run button, gets the rest of its controls.
  function setup(block, index) {
    const file = block.dataset.run
    const original = codeOf(block)
    const pre = block.querySelector("pre")
    const bar = block.runBar
    const go = bar.querySelector("[data-run-go]")
    go.classList.add("run__go")
    go.textContent = t.run_button
    const choose = element("select", { class: "run__line", "aria-label": t.run_line })
    for (const line of lines) choose.append(element("option", { value: line }, "SQLAlchemy " + line))
    choose.value = lineOf(file)
    const edit = element("button", { type: "button", class: "md-button run__edit" }, t.run_edit)
    const reset = element("button", { type: "button", class: "md-button run__reset", hidden: "" }, t.run_reset)
    const output = element("div", { class: "run__output", role: "region", "aria-label": t.run_output, "aria-live": "polite", hidden: "" })
    bar.append(choose, edit, reset)
    bar.after(output)
    let editor = null

    edit.addEventListener("click", () => {
      if (!editor) {
        editor = element("textarea", { class: "run__editor", "aria-label": t.run_editor, spellcheck: "false", autocapitalize: "off", id: "run-editor-" + index })
        editor.value = original
        editor.rows = original.split("\n").length
        pre.hidden = true
        pre.after(editor)
      }
      reset.hidden = false
      editor.focus()
    })
    reset.addEventListener("click", () => {
      editor && editor.remove()
      editor = null
      pre.hidden = false
      reset.hidden = true
      output.hidden = true
      output.replaceChildren()
      edit.focus()
    })
    go.onclick = () => run(file, editor ? editor.value : original, choose.value, go, output)
  }

  async function run(file, code, line, button, output) {
    button.disabled = true
    button.textContent = started ? t.run_running : t.run_loading
    output.hidden = false
    delete output.dataset.matched
    output.setAttribute("aria-busy", "true")
    output.replaceChildren(element("p", { class: "run__status" }, button.textContent))
    let result
    const check = data.snippets[file][line]
    try {
      result = await call({ code, line, wheel: data.wheels[line], packages: data.packages, expected: check.expected, text_only: check.text_only })
    } catch (error) {
      result = { failed: String(error) }
    }
    started = true
    button.disabled = false
    button.textContent = t.run_button
    show(output, result, check)
  }

  function show(output, result, check) {
    const parts = []
    if (result.failed) {
      parts.push(element("p", {}, t.run_failed), element("pre", { class: "run__error" }, result.failed))
    } else {
      const matched = result.marks.filter(Boolean).length
      // The page's #> lines, each marked: a summary that opens by itself when one differs.
      const marks = element("details", { class: "run__marks" })
      if (matched < result.marks.length) marks.open = true
      marks.append(element("summary", {}, t.run_summary.replace("{n}", matched).replace("{total}", result.marks.length)))
      const list = element("ul")
      result.marks.forEach((ok, i) => {
        const item = element("li", { "data-match": ok ? "yes" : "no" })
        item.append(element("span", { class: "run__mark", "aria-hidden": "true" }, ok ? "\u2713" : "\u2717"),
          element("span", { class: "run__hidden" }, (ok ? t.run_match : t.run_differs) + ": "),
          element("code", {}, "#> " + check.shown[i].trim()))
        list.append(item)
      })
      marks.append(list)
      if (result.marks.length) parts.push(marks)
      if (result.stdout) parts.push(element("pre", { class: "run__stdout", tabindex: "0" }, result.stdout))
      if (result.error || result.stderr) {
        parts.push(element("p", {}, t.run_error), element("pre", { class: "run__error", tabindex: "0" }, (result.stderr || "") + (result.error || "")))
      }
    }
    output.replaceChildren(...parts)
    output.dataset.matched = result.failed ? "failed" : result.marks.filter(Boolean).length + "/" + result.marks.length
    output.removeAttribute("aria-busy")
  }

  document.querySelectorAll("[data-run]").forEach(setup)
}
