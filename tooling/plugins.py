"""The plugin releases a build hook was written for.

hooks/notebook_pages.py and hooks/search_per_language.py reach into plugin internals that no
release promises to keep (attributes of the i18n plugin, mkdocs-jupyter's NotebookFile and the
HTML it writes). Each names the releases it was written for and refuses any other with a build
error before the build starts: a new release is adopted by checking the hook against it.
"""

from __future__ import annotations

from importlib import metadata

from mkdocs.exceptions import PluginError
from packaging.specifiers import SpecifierSet


def written_for(hook: str, releases: dict[str, str], check: str) -> None:
    """Fail the build unless every distribution is installed at a release its specifier accepts
    ({"mkdocs-jupyter": "==0.27.*"}); `check` says what to verify before widening one."""
    for distribution, specifier in releases.items():
        installed = metadata.version(distribution)
        if installed not in SpecifierSet(specifier):
            raise PluginError(
                f"{hook} was written for {distribution}{specifier} and relies on its internals, but "
                f"{distribution} {installed} is installed. Check that {check}; then change the "
                f"specifier in {hook}."
            )
