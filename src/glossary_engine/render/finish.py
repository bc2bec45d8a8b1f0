"""The last steps for a page's HTML: put in the concept maps, and drop the templates' indentation.

The maps are our own inline SVG, built from escaped text. They go into the finished page, after
sanitizing (so the allow-list for glossary text can stay small, with no SVG in it) and after the
search index was made (maps are not searched, and the index parser need not read them).
"""

from __future__ import annotations

import re

from .. import urls
from ..model.index import GlossaryIndex
from .conceptmap import glossary_map, term_map
from .overviews import MAP, MAP_SLOT


def add_maps(index: GlossaryIndex, page: str, html: str) -> str:
    """The finished page ``page`` (a docs-relative source path) with its concept map in place."""
    if MAP_SLOT not in html:
        return html
    if page == MAP:
        svg = glossary_map(index, page)
    else:
        slug = urls.term_slug(page)
        svg = term_map(index, slug, page) if slug in index.terms else ""
    # Our slot is the last one on the page: a copy typed into the glossary text comes earlier.
    before, _, after = html.rpartition(MAP_SLOT)
    return before + svg + after


# Whitespace can matter inside these, so they are left exactly as they are.
_KEEP = re.compile(r"<(pre|textarea|script|code|kbd)\b.*?</\1>", re.DOTALL | re.IGNORECASE)
# Indentation and blank lines before a tag: between tags, where a run of whitespace reads as one space
# (never inside an attribute value or text that goes on after the line break).
_INDENT = re.compile(r"\n[ \t\n]+(?=<|\Z)")  # \Z: a kept element starts right after


def compact(html: str) -> str:
    """The page without the indentation and blank lines its templates leave before tags (a tenth of a
    term page), outside ``pre``, ``textarea``, ``script``, ``code`` and ``kbd``: each such run
    becomes one newline, so the page renders exactly the same."""
    parts = []
    done = 0
    for keep in _KEEP.finditer(html):
        parts.append(_INDENT.sub("\n", html[done : keep.start()]))
        parts.append(keep.group())
        done = keep.end()
    parts.append(_INDENT.sub("\n", html[done:]))
    return "".join(parts)
