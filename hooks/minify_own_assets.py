"""Our own CSS and JavaScript (extra_css, extra_javascript in mkdocs.yml) are commented for
maintainers; the reader gets them minified, without the comments: about 1 kB gzipped less on
every page, which tests/browser/test_budgets.py counts. mkdocs-static-i18n runs the build's last
steps once per language, so this rewrites the files in place and minifying twice changes nothing.
(mkdocs-minify-plugin renames the files to .min and loses them on the second language's build.)
"""

from pathlib import Path

import csscompressor
import jsmin


def on_post_build(config):
    site = Path(config.site_dir)
    for path, minify in [(css, csscompressor.compress) for css in config.extra_css] + [
        (str(js), jsmin.jsmin) for js in config.extra_javascript
    ]:
        file = site / path
        if file.is_file():
            file.write_text(minify(file.read_text(encoding="utf-8")), encoding="utf-8")
