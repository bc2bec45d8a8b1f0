"""Hover text as slots: a term page's links show other terms' one-line definitions on hover, and a
page rendered in slot mode holds a marker there instead, filled with the definition in the finished
page.

Most of the pages that show a term's definition show it only on hover: a link in the prose, the hub
and the path neighbours under "Where it fits". With the marker in their stored content, a definition
edit re-renders only the pages that show it as text (related-term cards, the term's own page), and
every other page takes the new hover text when its finished HTML is filled, which every build does,
cold or incremental, so both write the same bytes.

A marker is ``\\x01`` + slug + ``\\x02``. Glossary text can hold no control character (the loader
rejects them), so a marker never comes from the text itself.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator, Mapping
from contextvars import ContextVar

from ..load.plaintext import tooltip
from ..model.records import Term

_SLOTS: ContextVar[bool] = ContextVar("hover_slots", default=False)
_MARKER = re.compile("\x01([a-z0-9-]+)\x02")
_ENTITIES = str.maketrans({"&": "&amp;", "\u00a0": "&nbsp;", '"': "&quot;", "<": "&lt;", ">": "&gt;"})


def hover(term: Term) -> str:
    """The hover text of a link to ``term``: its one-line definition, or in slot mode its marker."""
    return f"\x01{term.slug}\x02" if _SLOTS.get() else term.short


@contextlib.contextmanager
def slots() -> Iterator[None]:
    """Render in slot mode: hover text becomes markers (``fill`` puts the definitions in)."""
    token = _SLOTS.set(True)
    try:
        yield
    finally:
        _SLOTS.reset(token)


def slugs(html: str) -> set[str]:
    """The terms whose hover text ``html`` holds a marker for."""
    return set(_MARKER.findall(html)) if "\x01" in html else set()


def _attribute(text: str) -> str:
    """A ``title`` value as the page sanitizer writes it (html5ever's serializer): ``&``, no-break
    space, ``"``, ``<`` and ``>`` as entities, nothing else."""
    return tooltip(text).translate(_ENTITIES)


def fill(html: str, terms: Mapping[str, Term]) -> str:
    """``html`` with each marker replaced by that term's hover text, as a page rendered without slots
    has it (a marker for a term that is gone, which no page can hold, becomes empty)."""
    if "\x01" not in html:
        return html

    def text(found: re.Match[str]) -> str:
        term = terms.get(found.group(1))
        return _attribute(term.short) if term is not None else ""

    return _MARKER.sub(text, html)
