"""A page's Markdown as the build reads it: headings and their anchors, fenced blocks, the
`--8<--` includes expanded by pymdownx.snippets itself with the options in mkdocs.yml, HTML
rendered with the site's own extensions; and the strict build of the real site or of a test's
mini-site."""

from __future__ import annotations

import functools
import os
import re
import subprocess
import sys
from pathlib import Path

import markdown

from tooling.repo import ROOT, mkdocs_config

# `--8<-- "engine/pool.py"` or `--8<-- "engine/pool.py:section"` inside a fenced block: which file a
# block includes. Expanding it is left to pymdownx.snippets (expand_includes below).
INCLUDE = re.compile(r'^\s*--8<--\s+"([^":]+)(?::([\w-]+))?"\s*$', re.MULTILINE)
# `## Title { #anchor }`: every heading must carry an explicit ASCII anchor.
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*$", re.MULTILINE)
ANCHOR = re.compile(r"\{\s*#([a-z0-9][a-z0-9-]*)\s*\}\s*$")
FENCE = re.compile(
    r"^(?P<indent>[ \t]*)(?P<fence>```+|~~~+)(?P<info>[^\n]*)\n(?P<body>.*?)^(?P=indent)(?P=fence)[ \t]*$",
    re.MULTILINE | re.DOTALL,
)
# The one accepted reason for a Python block that is not included from snippets/.
UNTESTED = re.compile(r"<!--\s*untested:\s*\S.*?-->\s*$")
ANNOTATION_MARKER = re.compile(r"#\s*\((\d+)\)!?")


def strip_fences(text: str) -> str:
    """Markdown with fenced blocks blanked out (every character but newlines made a space, so
    lines and offsets stay where they were), so '#' comments in code are not headings."""
    return FENCE.sub(lambda m: re.sub(r"[^\n]", " ", m[0]), text)


@functools.cache
def _snippet_preprocessor():
    options = dict(mkdocs_config().mdx_configs["pymdownx.snippets"])
    options["base_path"] = [str(ROOT / path) for path in options["base_path"]]
    md = markdown.Markdown(extensions=["pymdownx.snippets"], extension_configs={"pymdownx.snippets": options})
    return md.preprocessors["snippet"]


def expand_includes(text: str) -> str:
    """Markdown with every `--8<--` line replaced by what it includes, exactly as the site build
    does it (pymdownx.snippets with the options in mkdocs.yml: sections cut, section markers
    dropped, dedented). A missing file or section raises SnippetMissingError."""
    return "\n".join(_snippet_preprocessor().run(text.split("\n")))


def code_blocks(path: Path) -> list[dict]:
    """Every fenced block of a Markdown page in order, Mermaid included: its info string, the
    snippet it includes (or None), and its text as the reader sees it (includes expanded)."""
    text = path.read_text(encoding="utf-8")
    blocks = []
    for fence in FENCE.finditer(text):
        body = "\n".join(line[len(fence["indent"]) :] for line in fence["body"].splitlines())
        include = INCLUDE.search(body)
        blocks.append(
            {
                "info": fence["info"].strip(),
                "include": f"{include[1]}:{include[2]}" if include and include[2] else include[1] if include else None,
                "file": include[1] if include else None,
                "whole_file": bool(include and not include[2]),
                "text": expand_includes(body) + "\n" if include else body + "\n",
            }
        )
    return blocks


def build(config: Path, site: Path) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` of one configuration (the real one, or a test's mini-site)."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config), "--site-dir", str(site)],
        check=False,
        capture_output=True,
        text=True,
        cwd=config.parent,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )


def mini_site(folder: Path, pages: dict[str, str], nav: list[str] | None = None) -> Path:
    """A small site with the real build machinery: its mkdocs.yml INHERITs the real one (theme,
    plugins, hooks, Markdown extensions) and replaces only the nav. The paths the real
    configuration names relative to itself (hooks/, overrides/, docs/assets/) are linked in;
    snippets/ is the test's own folder. Pages are {'index.ko.md': text, ...}."""
    docs = folder / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    (folder / "snippets").mkdir(exist_ok=True)
    for linked in ("hooks", "overrides", "docs/assets"):
        (folder / linked).symlink_to(ROOT / linked, target_is_directory=True)
    for name, text in pages.items():
        (docs / name).write_text(text, encoding="utf-8")
    nav = nav or sorted({re.sub(r"\.[^./]+\.(md|ipynb)$", r".\1", name) for name in pages})  # NAME.LANG.md
    config = folder / "mkdocs.yml"
    config.write_text(
        f"INHERIT: {ROOT / 'mkdocs.yml'}\nnav:\n" + "".join(f"  - {item}\n" for item in nav), encoding="utf-8"
    )
    return config


@functools.cache
def _markdown_options() -> tuple[list, dict]:
    config = mkdocs_config()
    options = {name: dict(value) for name, value in config.mdx_configs.items()}
    options["pymdownx.snippets"]["base_path"] = [str(ROOT / path) for path in options["pymdownx.snippets"]["base_path"]]
    return list(config.markdown_extensions), options


def render(text: str) -> str:
    """Markdown to HTML with the site's own extensions and options (includes expanded)."""
    extensions, options = _markdown_options()
    return markdown.Markdown(extensions=extensions, extension_configs=options).convert(text)
