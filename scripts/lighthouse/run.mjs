// Lighthouse's mobile audit (its default: a mid-range phone, simulated 4x slower CPU and slow 4G)
// of many pages in one Chromium, through Lighthouse's Node API. scripts/benchmark.py runs it:
//   node run.mjs CONFIG.json
// CONFIG: {"chrome": PATH, "flags": [...], "urls": [...], "categories": [...], "seconds": N,
//          "settings": {...}}
// Prints one JSON line per URL, in order: {url, scores: {category: 0-100}, failed: [audit ids that
// lose points outside performance], tbt, dom, bytes}, or {url, error}, or {url, skipped: true} for
// the URLs left when `seconds` (if given) have passed.
// Only the audits that make up the categories' scores run (for performance, its five metrics; the
// opportunities and diagnostics score nothing), and the two numbers printed beside them: the
// scores are the same, in a fraction of the time.
import fs from "node:fs"
import * as chromeLauncher from "chrome-launcher"
import lighthouse from "lighthouse"
import defaultConfig from "lighthouse/core/config/default-config.js"

const config = JSON.parse(fs.readFileSync(process.argv[2], "utf8"))
const chrome = await chromeLauncher.launch({ chromePath: config.chrome, chromeFlags: config.flags })
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => { chrome.kill(); process.exit(1) })

const scoring = config.categories.flatMap(id => defaultConfig.categories[id].auditRefs.filter(ref => ref.weight > 0).map(ref => ref.id))
const settings = {
  onlyCategories: config.categories,
  onlyAudits: [...scoring, "dom-size", "total-byte-weight"],
  disableFullPageScreenshot: true, // for a person reading a report; no score reads it
  ...config.settings,
}

async function audit(url) {
  try {
    const { lhr } = await lighthouse(url, { port: chrome.port, logLevel: "error" }, { extends: "lighthouse:default", settings })
    if (lhr.runtimeError) return { url, error: `${lhr.runtimeError.code}: ${lhr.runtimeError.message}` }
    const scores = Object.fromEntries(Object.entries(lhr.categories).map(([id, c]) => [id, Math.round(100 * c.score)]))
    const failed = Object.entries(lhr.categories)
      .filter(([id]) => id !== "performance")
      .flatMap(([, c]) => c.auditRefs.filter(r => r.weight > 0 && lhr.audits[r.id].score !== null && lhr.audits[r.id].score < 1))
      .map(r => r.id)
    const number = id => (lhr.audits[id] && lhr.audits[id].numericValue !== undefined ? Math.round(lhr.audits[id].numericValue) : null)
    return { url, scores, failed, tbt: number("total-blocking-time"), dom: number("dom-size"), bytes: number("total-byte-weight") }
  } catch (error) {
    return { url, error: String((error && error.message) || error) }
  }
}

const started = Date.now()
try {
  for (const url of config.urls) {
    const late = config.seconds && Date.now() - started > 1000 * config.seconds
    console.log(JSON.stringify(late ? { url, skipped: true } : await audit(url)))
  }
} finally {
  chrome.kill()
}
