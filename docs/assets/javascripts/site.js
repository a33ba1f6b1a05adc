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

// What axe-core finds missing: a name for the search dialog and for the numbered links of code
// annotations (Material), keyboard access to notebook code that scrolls (nbconvert).
addEventListener("load", () => {
  const strings = JSON.parse(document.getElementById("__strings").textContent)
  const input = document.querySelector(".md-search__input")
  const search = document.querySelector(".md-search[role=dialog]")
  if (search && input) search.setAttribute("aria-label", input.getAttribute("aria-label"))
  document.querySelectorAll("a.md-annotation__index [data-md-annotation-id]").forEach(span =>
    span.parentElement.setAttribute("aria-label", strings.annotation.replace("{n}", span.dataset.mdAnnotationId)))
  document.querySelectorAll(".jp-Cell pre").forEach(pre => { pre.tabIndex = 0 })
})
