"""Small helpers that put glossary text safely into Markdown (prose still to be rendered, and macros)."""

from __future__ import annotations

import html
import re

from ..load.plaintext import tooltip

_SPECIAL = re.compile(r"([\\`*_\[\]#|])")
# Characters that would end or break a Markdown link target; percent-encoding keeps the URL the same.
_UNSAFE_IN_TARGET = str.maketrans({" ": "%20", "<": "%3C", ">": "%3E"})
_PARENTHESES = str.maketrans({"(": "%28", ")": "%29"})


def text(value: str) -> str:
    """Plain text for an inline Markdown context: Markdown and HTML specials are neutralised."""
    return _SPECIAL.sub(r"\\\1", html.escape(value, quote=False))


def attribute(value: str) -> str:
    """Text for an HTML attribute or a Markdown link title. A backslash becomes an entity: in a
    CommonMark title, a trailing one would escape the closing quote and swallow the next link."""
    return html.escape(value, quote=True).replace("\\", "&#92;")


def link(label: str, href: str, title: str | None = None) -> str:
    """A Markdown link; ``label`` is already Markdown, ``title`` is plain text shown on hover."""
    target = href.translate(_UNSAFE_IN_TARGET)
    if not _balanced(target):  # balanced parentheses (common in DOIs) are fine as they are
        target = target.translate(_PARENTHESES)
    return f'[{label}]({target} "{attribute(tooltip(title))}")' if title else f"[{label}]({target})"


def _balanced(value: str) -> bool:
    depth = 0
    for char in value:
        depth += (char == "(") - (char == ")")
        if depth < 0:
            return False
    return depth == 0
