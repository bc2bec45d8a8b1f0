"""Which entries most need a re-read: the order ``glossary stale`` lists them in.

A term is due when its last review is older than its cluster's ``review_months`` (fast-moving areas
set fewer months). Among due and nearly due terms, broad ones come first: a stale definition of a
general term misleads more readers. A term never reviewed is more urgent than any reviewed one.
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass

from ..load.schema import REVIEW_MONTHS
from .index import GlossaryIndex
from .records import Term

_DAYS_PER_MONTH = 365.25 / 12


@dataclass(frozen=True)
class Staleness:
    """How overdue one term's review is."""

    term: Term
    every_months: int
    due: datetime.date | None  # None: never reviewed
    urgency: float  # age as a share of the review interval, weighted by generality; inf if never


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` calendar months later (the month's last day when it is shorter)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return day.replace(year=year, month=month, day=min(day.day, last))


def staleness(index: GlossaryIndex, today: datetime.date) -> list[Staleness]:
    """Every term, most in need of a re-read first."""
    found = []
    for term in index.glossary.terms:
        months = index.clusters[term.cluster].review_months or REVIEW_MONTHS
        weight = 0.5 + term.generality / 1000
        if term.reviewed is None:
            found.append(Staleness(term, months, None, float("inf")))
            continue
        age = (today - term.reviewed).days
        found.append(
            Staleness(
                term, months, add_months(term.reviewed, months), max(age, 0) / (months * _DAYS_PER_MONTH) * weight
            )
        )
    return sorted(found, key=lambda s: (-s.urgency, -s.term.generality, s.term.slug))
