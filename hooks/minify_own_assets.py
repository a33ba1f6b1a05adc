"""Our own CSS and JavaScript (every .css and .js file under docs/: extra_css and site.js, which
every page loads, and the Run buttons' runner*.js and runner.css) are commented for maintainers;
the reader gets them minified, without the comments: about 1 kB gzipped less on every page, which
tests/browser/test_budgets.py counts. mkdocs-static-i18n runs the build's last steps once per
language, so this rewrites the files in place and minifying twice changes nothing.
(mkdocs-minify-plugin renames the files to .min and loses them on the second language's build.)

jsmin squeezes the spaces inside a template literal (`...`) as if it were code: our scripts use
none, and a build whose minified script still has a backtick fails, naming the file.
"""

from pathlib import Path

import csscompressor
import jsmin
from mkdocs.exceptions import PluginError

MINIFY = {".css": csscompressor.compress, ".js": jsmin.jsmin}


def on_post_build(config):
    docs, site = Path(config.docs_dir), Path(config.site_dir)
    for source in sorted(p for p in docs.rglob("*") if p.suffix in MINIFY):
        file = site / source.relative_to(docs)
        if not file.is_file():
            continue
        text = MINIFY[file.suffix](file.read_text(encoding="utf-8"))
        if file.suffix == ".js" and "`" in text:
            raise PluginError(
                f"hooks/minify_own_assets.py: {source.relative_to(docs.parent)} has a template literal "
                "(`...`), whose text jsmin would change: use a string"
            )
        file.write_text(text, encoding="utf-8")
