"""Pieces of whole-site files, remembered from one build to the next in the same process.

Under ``mkdocs serve`` an edit changes a few terms, but the exports and the search index are files made
of every term. Each term's part of such a file (its JSON record, its Turtle block, its search
document) is made by a function of the arguments it is keyed by, nothing else, so a piece found under
the same key is the piece the function would make. Pieces a build did not ask for are dropped when the
next build starts, so memory holds one glossary's pieces. A new process starts empty, and keeps
nothing unless it serves the site.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar

T = TypeVar("T")
_MISSING = object()


class Pieces:
    """Values made from their keys, kept for the next build."""

    def __init__(self) -> None:
        self._now: dict[Hashable, object] = {}
        self._last: dict[Hashable, object] = {}
        self.remember = False
        """Whether values are kept at all: only a serving process builds again (``session.will_serve``).
        Otherwise every ``get`` makes its value, and a one-off build holds no pieces."""

    def get(self, key: Hashable, make: Callable[[], T]) -> T:
        """The value under ``key``: remembered from this build or the last, else ``make()``.

        ``key`` must hold everything ``make`` reads (its name and arguments, by value)."""
        if not self.remember:
            return make()
        now = self._now
        value = now.get(key, _MISSING)  # each look-up hashes the key again: as few as can be
        if value is _MISSING:
            value = self._last.get(key, _MISSING)
            if value is _MISSING:
                value = make()
            now[key] = value
        return value  # type: ignore[return-value]

    def of(self, make: Callable[..., T], term: object, *args: Hashable) -> T:
        """``make(term, *args)``, remembered while the model keeps the very same ``term`` object (an
        unchanged term after ``load/reread.py``, so none of its fields is hashed) and ``args`` are
        equal. ``make`` must read nothing else. The entry holds ``term``, so while it is remembered no
        other object can have its id."""
        entry: tuple[object, T] = self.get((make, id(term), args), lambda: (term, make(term, *args)))
        return entry[1]

    def find(self, key: Hashable) -> object | None:
        """The value kept under ``key`` (by ``keep`` or ``get``) in this build or the last, else None."""
        if not self.remember:
            return None
        value = self._now.get(key, self._last.get(key))
        if value is not None:
            self._now[key] = value
        return value

    def keep(self, key: Hashable, value: object) -> None:
        """Keep ``value`` under ``key`` for this build and the next; ``key`` must hold everything the
        value was made from."""
        if self.remember:
            self._now[key] = value

    def clear(self) -> None:
        """Forget every value."""
        self._now, self._last = {}, {}

    def next_build(self) -> None:
        """Start a build: what the last build did not use is dropped."""
        self._last, self._now = self._now, {}


PIECES = Pieces()
