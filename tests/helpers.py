"""What the tests and scripts/ know about the repository: where things are, the languages that
mkdocs.yml defines (read through MkDocs' own config loader), the pages and the URLs they are
built at, code blocks with their includes expanded by pymdownx.snippets itself, and the strict
build. Test modules import from here, never from each other."""

from __future__ import annotations

import functools
import gzip
import itertools
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import markdown

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
SNIPPETS = ROOT / "snippets"

# `--8<-- "engine/pool.py"` or `--8<-- "engine/pool.py:section"` inside a fenced block: which file a
# block includes. Expanding it is left to pymdownx.snippets (expand_includes below).
INCLUDE = re.compile(r'^\s*--8<--\s+"([^":]+)(?::([\w-]+))?"\s*$', re.MULTILINE)
# `## Title { #anchor }`: every heading must carry an explicit ASCII anchor.
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*$", re.MULTILINE)
ANCHOR = re.compile(r"\{\s*#([a-z0-9][a-z0-9-]*)\s*\}\s*$")
FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>```+|~~~+)(?P<info>[^\n]*)\n(?P<body>.*?)^(?P=indent)(?P=fence)[ \t]*$", re.MULTILINE | re.DOTALL)
# The one accepted reason for a Python block that is not included from snippets/.
UNTESTED = re.compile(r"<!--\s*untested:\s*\S.*?-->\s*$")
ANNOTATION_MARKER = re.compile(r"#\s*\((\d+)\)!?")


@functools.cache
def mkdocs_config():
    """mkdocs.yml as MkDocs itself loads it (plugins included)."""
    from mkdocs.config import load_config

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    return load_config(str(ROOT / "mkdocs.yml"))


@functools.cache
def languages() -> tuple[str, ...]:
    """The built languages, default first, from the i18n plugin's configuration."""
    configured = mkdocs_config().plugins["i18n"].config.languages
    built = [lang for lang in configured if lang.build]
    return tuple(lang.locale for lang in sorted(built, key=lambda lang: not lang.default))


def default_language() -> str:
    return languages()[0]


def other_language(lang: str) -> str:
    return next(other for other in languages() if other != lang)


def page_pairs() -> dict[str, dict[str, Path]]:
    """{'object-states.md': {'ko': Path, 'en': Path}, ...} for Markdown pages and notebooks."""
    suffix = "|".join(languages())
    pairs: dict[str, dict[str, Path]] = {}
    for path in sorted(DOCS.rglob("*")):
        match = re.fullmatch(rf"(.+)\.({suffix})\.(md|ipynb)", path.name)
        if match and path.is_file():
            name = str(path.relative_to(DOCS).with_name(f"{match[1]}.{match[3]}"))
            pairs.setdefault(name, {})[match[2]] = path
    return pairs


def markdown_pages() -> list[Path]:
    return sorted(DOCS.rglob("*.md"))


def page_language(path: Path) -> str:
    return path.name.rsplit(".", 2)[-2]


def url_dir(name: str, lang: str) -> str:
    """Where a page is built, relative to the site root: 'en/engine/', '' for the default home."""
    slug = name.rsplit(".", 1)[0]
    slug = "" if slug == "index" else slug + "/"
    return ("" if lang == default_language() else f"{lang}/") + slug


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
        body = "\n".join(line[len(fence["indent"]):] for line in fence["body"].splitlines())
        include = INCLUDE.search(body)
        blocks.append({
            "info": fence["info"].strip(),
            "include": f"{include[1]}:{include[2]}" if include and include[2] else include[1] if include else None,
            "file": include[1] if include else None,
            "whole_file": bool(include and not include[2]),
            "text": expand_includes(body) + "\n" if include else body + "\n",
        })
    return blocks


def build(config: Path, site: Path) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` of one configuration (the real one, or a test's mini-site)."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config), "--site-dir", str(site)],
        check=False, capture_output=True, text=True, cwd=config.parent, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
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
    nav = nav or sorted({re.sub(r"\.[a-z]{2}\.(md|ipynb)$", r".\1", name) for name in pages})
    config = folder / "mkdocs.yml"
    config.write_text(f"INHERIT: {ROOT / 'mkdocs.yml'}\nnav:\n" + "".join(f"  - {item}\n" for item in nav), encoding="utf-8")
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


def sections(path: Path) -> dict[str, dict]:
    """What must match between the two languages of a page, section by section, read from the
    page rendered with the site's Markdown extensions: {anchor: {what: [...]}} in page order. A
    section runs from a heading to the next one; text before the first heading belongs to ''."""
    from bs4 import BeautifulSoup
    from mkdocs.utils.meta import get_data

    soup = BeautifulSoup(render(get_data(path.read_text(encoding="utf-8"))[0]), "html.parser")
    found: dict[str, dict] = {}
    current = found.setdefault("", _empty_section())
    for element in soup.find_all(True):
        if re.fullmatch(r"h[1-6]", element.name):
            current = found.setdefault(element.get("id") or f"(heading without anchor: {element.get_text()})", _empty_section())
        elif element.name == "a" and element.get("href") and not element.find_parent("pre") and "headerlink" not in (element.get("class") or []):
            current["link targets"].append(element["href"])
        elif element.name == "div" and "admonition" in (element.get("class") or []):
            current["admonitions"].append(" ".join(c for c in element["class"] if c != "admonition"))
        elif element.name == "details":
            current["admonitions"].append(" ".join(["details"] + (element.get("class") or [])))
        elif element.name == "table":
            rows = element.find_all("tr")
            current["tables (rows x columns)"].append(f"{len(rows)}x{len(rows[0].find_all(['td', 'th'])) if rows else 0}")
        elif element.name == "pre" and "mermaid" in (element.get("class") or []):
            current["diagrams"] += 1
        elif element.name == "code" and element.parent.name == "pre" and "mermaid" not in (element.parent.get("class") or []):
            code = element.get_text()
            # Shared code, compared without comments: an inline block may comment in its language.
            current["code blocks"].append(re.sub(r"[ \t]*#.*$", "", code, flags=re.MULTILINE))
            markers = len(ANNOTATION_MARKER.findall(code))
            if markers:
                block = element.find_parent("div", class_="highlight") or element.parent
                notes = block.find_next_sibling()
                items = len(notes.find_all("li", recursive=False)) if notes and notes.name == "ol" else 0
                current["code annotations"].append((markers, items))
        elif element.name == "div" and "tabbed-labels" in (element.get("class") or []):
            current["content tabs"].append(len(element.find_all("label")))
    return found


def _empty_section() -> dict:
    return {"link targets": [], "admonitions": [], "tables (rows x columns)": [], "diagrams": 0,
            "code blocks": [], "code annotations": [], "content tabs": []}


def parity_problems(pages: dict[str, Path]) -> list[str]:
    """Every difference in structure between the languages of one page, section by section."""
    (lang_a, path_a), (lang_b, path_b) = sorted(pages.items(), key=lambda item: item[0] != default_language())
    a, b = sections(path_a), sections(path_b)
    problems = []
    if list(a) != list(b):
        problems.append(f"section anchors differ:\n  {lang_a}: {list(a)}\n  {lang_b}: {list(b)}")
    for anchor in [key for key in a if key in b]:
        for what in a[anchor]:
            if a[anchor][what] != b[anchor][what]:
                if what == "code blocks":
                    problems.append(f"#{anchor}: code blocks differ ({len(a[anchor][what])} in {lang_a}, {len(b[anchor][what])} in {lang_b},"
                                    " or the same number with other code): both languages show the same code in the same order")
                else:
                    problems.append(f"#{anchor}: {what} differ:\n  {lang_a}: {a[anchor][what]}\n  {lang_b}: {b[anchor][what]}")
    where = path_a.relative_to(ROOT) if path_a.is_relative_to(ROOT) else path_a
    return [f"{where} vs {path_b.name}: {problem}" for problem in problems]


def diagram_count(source: Path) -> int:
    """Mermaid diagrams in a page's source, found as hooks/diagrams.py finds them (notebooks have
    none)."""
    from diagrams import diagram_fences  # hooks/, on the path through pyproject.toml or the script

    return len(diagram_fences(source.read_text(encoding="utf-8"))) if source.suffix == ".md" else 0


# --------------------------------------------------------------------------- page weight

SEARCH_INDEX = re.compile(r"search/search_index(\.\w+)?\.json$")  # one per language (hooks/search_per_language.py)
MERMAID = "assets/javascripts/mermaid.min.js"
OWN_ASSETS = ("assets/stylesheets/extra.css", "assets/javascripts/site.js")


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def floor_config(folder: Path) -> Path:
    """A blank one-page site that INHERITs the real theme settings (palette, features, language,
    no web fonts) and Korean search, but none of the site's own templates, CSS, JavaScript,
    hooks, Markdown extensions or other plugins: the floor every page is measured against."""
    (folder / "docs").mkdir(parents=True, exist_ok=True)
    (folder / "docs" / "index.md").write_text("# Blank\n", encoding="utf-8")
    (folder / "no-overrides").mkdir(exist_ok=True)
    config = folder / "mkdocs.yml"
    config.write_text(
        f"INHERIT: {ROOT / 'mkdocs.yml'}\nsite_name: floor\nnav: [index.md]\ntheme:\n  custom_dir: no-overrides\n"
        "hooks: []\nwatch: []\nextra_css: []\nextra_javascript: []\nmarkdown_extensions: []\n"
        "plugins:\n  - search:\n      lang: [en, ko]\n",
        encoding="utf-8",
    )
    return config


def transfer(site: Path, base: str, urls: list[str]) -> dict[str, int]:
    """Gzipped bytes of everything a page loaded from our server, by kind. The server's port does
    not count: a visit recorded by the other test worker went to that worker's server."""
    sizes = {"html": 0, "theme": 0, "own": 0, "mermaid": 0, "search index": 0}
    seen = set()
    for url in urls:
        path = urlsplit(url).path.lstrip("/")
        if urlsplit(url).hostname != urlsplit(base).hostname or path in seen:
            continue
        seen.add(path)
        file = site / path
        if file.is_dir() or path == "" or path.endswith("/"):
            file = file / "index.html"
        if not file.is_file():
            continue
        if file.name == "index.html":
            kind = "html"
        elif SEARCH_INDEX.search(path):
            kind = "search index"
        elif path.endswith(MERMAID):
            kind = "mermaid"
        elif path.endswith(OWN_ASSETS):
            kind = "own"
        else:
            kind = "theme"
        sizes[kind] += gz(file.read_bytes())
    return sizes


def page_total(sizes: dict[str, int]) -> int:
    """What a page costs on its own: everything but the site-wide search index."""
    return sum(v for k, v in sizes.items() if k != "search index")


def own_content(html: str) -> int:
    """Gzipped bytes of what the page itself says: the article, the two sidebars (the site's
    navigation and the page's table of contents), its language links and its previous/next
    footer; what a one-page blank site has none of."""
    parts = re.findall(r'<article class="md-content__inner.*?</article>|<div class="md-sidebar md-sidebar--(?:primary|secondary)".*?</nav>\s*</div>\s*</div>\s*</div>'
                       r'|<div class="md-select__inner">.*?</div>|<nav class="md-footer__inner.*?</nav>', html, re.DOTALL)
    return gz("".join(parts).encode("utf-8"))


# --------------------------------------------------------------------------- SQLAlchemy lines

# A snippet whose output differs between the lines has a twin beside it: NAME.sqla20.py is the
# same program with the output SQLAlchemy 2.0 prints. The 2.1 run checks NAME.py, the 2.0 run
# checks the twin, and pages show both in content tabs.
TWIN_SUFFIX = ".sqla20.py"


def sqlalchemy_line() -> str:
    """'2.0' or '2.1': the SQLAlchemy line installed in this environment."""
    from sqlalchemy import __version__

    return ".".join(__version__.split(".")[:2])


def twin(path: Path) -> Path:
    return path.with_name(path.name.removesuffix(".py") + TWIN_SUFFIX)


def without_output(source: str) -> str:
    """A snippet's code without its printed output (`#>` lines and `'''` blocks) and without
    annotation markers (a twin carries none: its tab on the page has no notes)."""
    source = re.sub(r"^[ \t]*'''\n.*?^[ \t]*'''\n", "", source, flags=re.MULTILINE | re.DOTALL)
    source = re.sub(r"[ \t]*#\s*\(\d+\)!$", "", source, flags=re.MULTILINE)
    return re.sub(r"^[ \t]*#>.*\n", "", source, flags=re.MULTILINE)


# What 2.0 prints differently from 2.1 as text only, with nothing behind it that a reader's
# program could see: the version in the error-link path, and the column labels 2.0 adds to a
# SELECT list (`users.id AS users_id`, where the label is exactly table_column). The 2.0 run of a
# snippet without a twin compares its output after these rewrites; anything else must match as it
# is, and a twin is always compared as it is. tests/test_harness.py proves that a real
# difference still fails.
TEXT_ONLY_2_0 = [
    (re.compile(r"(https://sqlalche\.me/e/)20/"), r"\g<1>21/"),
    (re.compile(r"\b(\w+)\.(\w+) AS \1_\2\b"), r"\1.\2"),
]


def normalize_2_0(text: str) -> str:
    for pattern, replacement in TEXT_ONLY_2_0:
        text = pattern.sub(replacement, text)
    return text


# --------------------------------------------------------------------------- proven advice

# Advice is proven under the conditions it is given for (README, "Advice is proven"). A page marks
# each piece of advice with `<!-- proven: chapter/file.py[, ...] -->`; the files it names are
# included in the same section and print a proof line: `N <what>, failures: F` at the end of a
# `#>` line. At least one proof line per file has N >= PROOF_MIN_CYCLES and F == 0.
PROVEN = re.compile(r"<!--\s*proven:\s*(?P<files>[^>]*?)\s*-->")
PROOF_LINE = re.compile(r"^[ \t]*#>.*?\b(?P<count>\d+) (?P<what>[a-z][\w ()-]*), failures: (?P<failures>\d+)\s*$", re.MULTILINE)
PROOF_MIN_CYCLES = 20  # past psycopg's prepare_threshold (5) and asyncpg's statement cache
# What must carry a marker: a paragraph that opens with the language's fix label, and a heading
# whose anchor has one of these words as a hyphen-separated part.
ADVICE_LABELS = {"en": "**Fix.**", "ko": "**해결.**"}
ADVICE_ANCHOR = re.compile(r"(^|-)(fix|fixes|checklist|retry|recipe|recipes)(-|$)")


def proof_problems(snippet: Path) -> list[str]:
    """Why a snippet (and its 2.0 twin, when it has one) does not prove advice; [] if it does."""
    problems = []
    for path in [snippet] + ([twin(snippet)] if twin(snippet).exists() else []):
        lines = list(PROOF_LINE.finditer(path.read_text(encoding="utf-8")))
        good = [m for m in lines if int(m["count"]) >= PROOF_MIN_CYCLES and int(m["failures"]) == 0]
        if not good:
            shown = "; ".join(m[0].strip() for m in lines) or "none"
            problems.append(f"{path.name} prints no proof line `N <what>, failures: 0` with N >= {PROOF_MIN_CYCLES} "
                            f"(its proof lines: {shown})")
    return problems


def error_entries(page: Path) -> dict[str, str]:
    """{anchor: section text} of an error page's entries, one `##` section each."""
    text = page.read_text(encoding="utf-8")
    heads = [(m.start(), ANCHOR.search(m[0])[1]) for m in re.finditer(r"^## .*$", strip_fences(text), re.MULTILINE)]
    return {anchor: text[start:end] for (start, anchor), (end, _) in zip(heads, heads[1:] + [(len(text), "")])}


def advice_problems(page: Path, snippets: Path = SNIPPETS) -> list[str]:
    """Every piece of advice on a page that is not proven, as 'page:line: what is wrong'."""
    label = ADVICE_LABELS.get(page_language(page))
    if label is None:
        return [f"{page.name}: no advice label for language {page_language(page)!r} in helpers.ADVICE_LABELS"]
    raw = page.read_text(encoding="utf-8").split("\n")
    lines = strip_fences("\n".join(raw)).split("\n")
    # Sections: from one heading to the next (fenced code blanked, so '#' comments are no headings).
    starts = [i for i, line in enumerate(lines) if HEADING.fullmatch(line)] + [len(lines)]
    bounds = ([(0, starts[0])] if starts[0] else []) + list(itertools.pairwise(starts))
    problems = []
    for start, end in bounds:
        section = "\n".join(raw[start:end])
        included = {m[1] for m in INCLUDE.finditer(section)}
        markers = [(i, m) for i in range(start, end) for m in PROVEN.finditer(lines[i])]
        heading = ANCHOR.search(lines[start]) if HEADING.fullmatch(lines[start]) else None
        if heading and ADVICE_ANCHOR.search(heading[1]) and not markers:
            problems.append(f"{page.name}:{start + 1}: section #{heading[1]} gives advice but has no <!-- proven: FILE --> marker")
        for i in range(start, end):
            if lines[i].lstrip().startswith(label):
                previous = next((lines[j] for j in range(i - 1, start - 1, -1) if lines[j].strip()), "")
                if not PROVEN.search(previous):
                    problems.append(f"{page.name}:{i + 1}: {label} without a <!-- proven: FILE --> marker on the line before it")
        for i, marker in markers:
            for name in filter(None, (n.strip() for n in marker["files"].split(","))):
                if name not in included:
                    problems.append(f"{page.name}:{i + 1}: proven by {name}, which this section does not include")
                elif not (snippets / name).is_file():
                    problems.append(f"{page.name}:{i + 1}: proven by {name}, which is not a file under snippets/")
                else:
                    problems += [f"{page.name}:{i + 1}: {problem}" for problem in proof_problems(snippets / name)]
    return problems
