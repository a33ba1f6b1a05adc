// Run buttons (hooks/runner.py): a Run button under every code block marked data-run="FILE", which
// says that the first run downloads the runtime and its size (<script id="__runner">, in the
// page's language). This is all a page loads before a press: the first press loads runner-ui.js,
// which gives every bar its other controls and runs the block in a worker.
;(() => {
  const config = JSON.parse(document.getElementById("__runner").textContent)
  config.assets = new URL(config.assets, location.href).href // import() resolves against this script
  let ui
  document.querySelectorAll("[data-run]").forEach(block => {
    const bar = document.createElement("div")
    const go = document.createElement("button")
    bar.className = "run"
    go.type = "button"
    go.className = "md-button"
    go.dataset.runGo = ""
    go.textContent = config.first
    go.onclick = async () => {
      ui = ui || import(config.assets + "javascripts/runner-ui.js").then(module => module.start(config))
      await ui
      go.click()
    }
    bar.append(go)
    // After the block's annotation list, if it has one: Material reads the list right after a block.
    const list = block.nextElementSibling
    ;(list && list.tagName === "OL" ? list : block).after(bar)
    block.runBar = bar
  })
})()
