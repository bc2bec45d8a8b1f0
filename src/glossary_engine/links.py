"""The one syntax for linking terms from prose: ``[[slug]]`` or ``[[slug|text shown]]``.

Text inside code (``inline`` or fenced) is left alone, so ``[[x]]`` can be shown literally.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

_LINK = re.compile(r"\[\[\s*([^\]|\n]+?)\s*(?:\|\s*([^\]\n]+?)\s*)?\]\]")
_CODE = re.compile(r"(~~~|```).*?\1|`[^`\n]+`", re.DOTALL)


@dataclass(frozen=True)
class ProseLink:
    """A ``[[…]]`` link found in a text: the slug, the optional shown text, and where it starts."""

    slug: str
    text: str | None
    offset: int


def _prose_spans(text: str) -> Iterator[tuple[int, int]]:
    """The (start, end) spans of ``text`` that are not code."""
    start = 0
    for code in _CODE.finditer(text):
        yield start, code.start()
        start = code.end()
    yield start, len(text)


def prose_outside_code(text: str) -> str:
    """``text`` with its code left out (for checks that must not look inside code)."""
    return " ".join(text[start:end] for start, end in _prose_spans(text))


def find_links(text: str) -> Iterator[ProseLink]:
    """Yield every prose link in ``text`` in order, skipping code."""
    if "[[" not in text:
        return
    for start, end in _prose_spans(text):
        for match in _LINK.finditer(text, start, end):
            yield ProseLink(match.group(1), match.group(2), match.start())


def replace_links(text: str, render: Callable[[str, str | None], str]) -> str:
    """Replace every prose link outside code by ``render(slug, text)``."""
    if "[[" not in text:
        return text
    parts = []
    previous = 0
    for start, end in _prose_spans(text):
        parts.append(text[previous:start])
        parts.append(_LINK.sub(lambda m: render(m.group(1), m.group(2)), text[start:end]))
        previous = end
    return "".join(parts)
