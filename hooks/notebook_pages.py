"""Make notebooks real pages again after mkdocs-static-i18n has rebuilt the file list.

mkdocs-jupyter wraps each notebook in a ``NotebookFile`` during ``on_files``. The i18n plugin
runs its own ``on_files`` later (priority -100), rebuilds every file as a plain ``File`` and
treats ``.ipynb`` files as assets, so notebooks would be copied raw instead of rendered and the
language switcher would not know their counterparts (mkdocs-static-i18n issue 198). This hook
runs after it, wraps them again at the URL the i18n plugin chose, records the counterpart URL in
every built language, and gives the i18n sitemap the notebook pages. It also drops a style
block mkdocs-jupyter leaks into every notebook page.

No public interface of either plugin does this, so the hook reads their internals and refuses,
as a build error, releases it was not written for (tooling/plugins.py).
"""

import re
from types import SimpleNamespace

from mkdocs.plugins import event_priority
from mkdocs_jupyter.plugin import NotebookFile

from tooling.plugins import written_for


def on_config(config):
    written_for(
        "hooks/notebook_pages.py",
        {"mkdocs-jupyter": "==0.27.*", "mkdocs-static-i18n": "==1.3.*"},
        "the notebooks are still rendered pages in every language, with the language switcher, in "
        "sitemap.xml, and without a leaked <style> block (tests/test_site.py, tests/browser/test_visits.py)",
    )
    return config


@event_priority(-110)
def on_files(files, config):
    jupyter, i18n = config.plugins["mkdocs-jupyter"], config.plugins["i18n"]

    def prefix(lang):
        return "" if lang == i18n.default_language else f"{lang}/"

    for file in [f for f in files if jupyter.should_include(f) and not isinstance(f, NotebookFile)]:
        notebook = NotebookFile(file, use_directory_urls=config.use_directory_urls, site_dir=config.site_dir)
        notebook.dest_path, notebook.url = file.dest_path, file.url
        notebook.abs_dest_path = file.abs_dest_path
        path = file.url.removeprefix(prefix(i18n.current_language))
        # page=None: the i18n sitemap template then builds the alternate's address from its url
        notebook.alternates = {
            lang: SimpleNamespace(url=prefix(lang) + path, page=None) for lang in i18n.build_languages
        }
        files.remove(file)
        files.append(notebook)
    # The i18n plugin's sitemap lists the pages it recorded in its own on_files, before the
    # notebooks were pages again: record them now, or sitemap.xml leaves them out.
    i18n.i18n_files_per_language[i18n.current_language] = files.documentation_pages()
    return files


# mkdocs-jupyter 0.27 appends the exporter's inlined CSS to every notebook as an indented
# "<style>[...]</style>" text, which the page then shows as a code block at its very end
# (mkdocs_jupyter/nbconvert2.py, after `exporter.from_filename`). The site styles notebooks
# itself (hooks/notebook.html.j2), so drop that block.
LEAKED_STYLE = re.compile(
    r'<div class="highlight"><pre><span></span><code>\s*&lt;style&gt;\s*\[.*?\]\s*&lt;/style&gt;\s*</code></pre></div>',
    re.DOTALL,
)


def on_page_content(html, page, config, files):
    if isinstance(page.file, NotebookFile):
        return LEAKED_STYLE.sub("", html)
    return html
