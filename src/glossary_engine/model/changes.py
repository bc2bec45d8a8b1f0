"""What changed in the glossary, from its own dates: the feeds and the What's new page read this.

A term is *new* on its ``added`` date and *updated* on its ``reviewed`` date when that is later (or
when it has no ``added`` date). A term with ``formerly`` slugs was *renamed*; the file does not say
when, so the rename shows with the term's latest date. Terms with neither date are not listed.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from .index import GlossaryIndex
from .records import Term

RECENT = 50
"""How many changes the feeds and the What's new page list, newest first."""


@dataclass(frozen=True)
class Change:
    """A term's latest change: new or updated on ``date``, first published on ``added`` if known."""

    term: Term
    kind: str  # "added" or "updated"
    date: datetime.date
    added: datetime.date | None

    @property
    def renamed(self) -> bool:
        """Whether the term was published under other slugs before."""
        return bool(self.term.formerly)

    @property
    def label(self) -> str:
        """How a reader is told what happened: New, Updated, or either with "renamed"."""
        word = "New" if self.kind == "added" else "Updated"
        return f"{word} and renamed" if self.renamed else word


def change_of(term: Term) -> Change | None:
    """A term's latest change, or None when it carries no date."""
    if term.added is not None and (term.reviewed is None or term.reviewed <= term.added):
        return Change(term, "added", term.added, term.added)
    if term.reviewed is not None:
        return Change(term, "updated", term.reviewed, term.added)
    return None


def recent_changes(index: GlossaryIndex, limit: int = RECENT) -> tuple[Change, ...]:
    """The ``limit`` latest changes, newest first; on one day, by title."""
    changes = [change for term in index.glossary.terms if (change := change_of(term)) is not None]
    changes.sort(key=lambda c: (-c.date.toordinal(), c.term.title.casefold(), c.term.slug))
    return tuple(changes[:limit])
