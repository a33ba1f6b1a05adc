// Language switcher: land on the same section (#anchor) of the other language.
// Material fetches sitemap.xml beside every <link rel="alternate" hreflang> page; with
// mkdocs-static-i18n only the site root has one, so each page view made two 404 requests and
// the switch, rerouted through those empty sitemaps, dropped the #anchor. Remove the links
// before Material reads them (on DOMContentLoaded; crawlers still see them in the HTML), and let
// the plain switcher link navigate, carrying the current #anchor.
document.querySelectorAll("link[rel=alternate][hreflang]").forEach(link => link.remove())
document.addEventListener("click", event => {
  const link = event.target.closest && event.target.closest("a.md-select__link[hreflang]")
  if (link) link.hash = location.hash
}, true)

// Search: Material's query syntax makes every "double-quoted" part of a query required. Readers
// paste error messages here, whose quoted parts are their own host, statement or table names, so a
// required part matched nothing and the entry for their error was not found. The quotes are taken
// out of the query on its way to the search worker (message type 2 is Material's QUERY): each word
// of the message counts as an ordinary term, and the entry that shares most of them comes first.
const postToWorker = Worker.prototype.postMessage
Worker.prototype.postMessage = function (message, ...transfer) {
  if (message && message.type === 2 && typeof message.data === "string")
    message = { ...message, data: message.data.replace(/"/g, " ") }
  return postToWorker.call(this, message, ...transfer)
}

// What axe-core finds missing: a name for the search dialog and for the numbered links of code
// annotations (Material), keyboard access to notebook code that scrolls (nbconvert) and to a
// diagram wider than its column, which scrolls sideways rather than shrink (extra.css).
const focusWideDiagrams = () => document.querySelectorAll(".md-typeset .diagram").forEach(diagram => {
  if (diagram.scrollWidth > diagram.clientWidth) diagram.tabIndex = 0
  else diagram.removeAttribute("tabindex")
})
addEventListener("load", () => {
  const input = document.querySelector(".md-search__input")
  const search = document.querySelector(".md-search[role=dialog]")
  if (search && input) search.setAttribute("aria-label", input.getAttribute("aria-label"))
  document.querySelectorAll(".jp-Cell pre").forEach(pre => { pre.tabIndex = 0 })
  focusWideDiagrams()
})
addEventListener("resize", focusWideDiagrams)
// Material mounts a code block's annotations when the block first comes into view (content.lazy
// in mkdocs.yml), so each is named as it appears, not once at load.
const annotationName = JSON.parse(document.getElementById("__strings").textContent).annotation
const nameAnnotations = () => document.querySelectorAll("a.md-annotation__index:not([aria-label]) [data-md-annotation-id]")
  .forEach(span => span.parentElement.setAttribute("aria-label", annotationName.replace("{n}", span.dataset.mdAnnotationId)))
new MutationObserver(nameAnnotations).observe(document.querySelector(".md-content") || document.body, { childList: true, subtree: true })
// Until then, code that may scroll sideways can be reached by keyboard: Material keeps the tabindex
// only on code that scrolls when it mounts the block.
document.querySelectorAll("article pre > code:not([tabindex])").forEach(code => { code.tabIndex = 0 })
