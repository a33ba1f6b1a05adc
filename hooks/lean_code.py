"""Fewer elements in every highlighted code block, with the same look.

Pygments wraps every token in a span. Material colours names (`n`) with
`--md-code-hl-name-color`, which is the code block's own text colour, and gives whitespace (`w`)
no style at all: those spans change nothing a reader sees, yet they are a third of the elements
of a long chapter, and every one is styled, laid out and checked by axe-core again. This unwraps
them, and joins runs of same-class spans (`)` `)` `:` become one punctuation span). Comment spans
are left alone: Material finds the annotation markers in them.

tests/test_site.py checks the built pages; tests/browser/test_visits.py that names still have the
code's text colour.
"""

import re

# The text of an unstyled token: Pygments escapes &, < and > in it, so it holds no markup.
UNSTYLED = re.compile(r'<span class="(?:n|w)">([^<]*)</span>')
# Two adjacent spans of one class with no comment or marker among them (punctuation, operators).
SAME_CLASS = re.compile(r'<span class="(p|o)">([^<]*)</span>(?:<span class="\1">([^<]*)</span>)+')
CODE = re.compile(r'(<div class="[^"]*\bhighlight\b[^"]*">.*?</div>)', re.DOTALL)


def _join(match: re.Match) -> str:
    texts = re.findall(r">([^<]*)</span>", match.group(0))
    return f'<span class="{match.group(1)}">{"".join(texts)}</span>'


def lean(html: str) -> str:
    def one_block(block: re.Match) -> str:
        return SAME_CLASS.sub(_join, UNSTYLED.sub(r"\1", block.group(1)))

    return CODE.sub(one_block, html)


def on_page_content(html, page, config, files):
    return lean(html)
