"""Make notebooks real pages again after mkdocs-static-i18n has rebuilt the file list.

mkdocs-jupyter wraps each notebook in a ``NotebookFile`` during ``on_files``. The i18n plugin
runs its own ``on_files`` later (priority -100), rebuilds every file as a plain ``File`` and
treats ``.ipynb`` files as assets, so notebooks would be copied raw instead of rendered and the
language switcher would not know their counterparts (mkdocs-static-i18n issue 198). This hook
runs after it, wraps them again at the URL the i18n plugin chose, and records the counterpart
URL in every built language.
"""

from types import SimpleNamespace

from mkdocs.plugins import event_priority
from mkdocs_jupyter.plugin import NotebookFile


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
        notebook.alternates = {lang: SimpleNamespace(url=prefix(lang) + path) for lang in i18n.build_languages}
        files.remove(file)
        files.append(notebook)
    return files
