"""The glossary as immutable records: terms, clusters, learning paths, citations."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Citation:
    """A further-reading entry: a real source with at least one locator where one exists."""

    authors: tuple[str, ...]
    title: str
    year: int | None = None
    venue: str | None = None
    publisher: str | None = None
    chapter: str | None = None
    doi: str | None = None
    arxiv: str | None = None
    isbn: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Contrast:
    """A term this one is often confused with, and a sentence on the difference."""

    term: str
    difference: str


@dataclass(frozen=True)
class Question:
    """A common question about a term, with its answer (Markdown)."""

    question: str
    answer: str


@dataclass(frozen=True)
class Term:
    """One glossary entry. ``line`` is where it starts in glossary.yaml."""

    slug: str
    title: str
    short: str
    explanation: str
    generality: int
    cluster: str
    line: int = 0
    formerly: tuple[str, ...] = ()
    link_text: str | None = None
    aliases: tuple[str, ...] = ()
    autolink: bool = True
    year: int | None = None
    reviewed: datetime.date | None = None
    added: datetime.date | None = None
    related: tuple[str, ...] = ()
    contrast: tuple[Contrast, ...] = ()
    why_it_matters: str | None = None
    how_it_works: str | None = None
    examples: tuple[str, ...] = ()
    strengths: tuple[str, ...] = ()
    challenges: tuple[str, ...] = ()
    questions: tuple[Question, ...] = ()
    further_reading: tuple[Citation, ...] = ()
    lines: tuple[tuple[str, int], ...] = ()
    """The line of each field given in glossary.yaml, so a message about one field points at it."""

    def line_of(self, field: str) -> int:
        """The line of ``field`` (a name like ``related``, or ``examples[2]``), or of the term itself."""
        name = field.split("[", 1)[0]
        return next((line for given, line in self.lines if given == name), self.line)

    def prose(self) -> list[tuple[str, str]]:
        """Every Markdown field, named as in the file, in page order (absent sections left out)."""
        fields = [("explanation", self.explanation)]
        fields += [(name, text) for name in ("why_it_matters", "how_it_works") if (text := getattr(self, name))]
        for name in ("examples", "strengths", "challenges"):
            fields += [(f"{name}[{n}]", text) for n, text in enumerate(getattr(self, name), 1)]
        fields += [(f"contrast[{n}]", c.difference) for n, c in enumerate(self.contrast, 1)]
        fields += [(f"questions[{n}]", q.answer) for n, q in enumerate(self.questions, 1)]
        return fields


@dataclass(frozen=True)
class Cluster:
    """A topic area; every term belongs to exactly one."""

    id: str
    title: str
    description: str
    line: int = 0
    review_months: int | None = None


@dataclass(frozen=True)
class LearningPath:
    """An ordered reading sequence of term slugs."""

    id: str
    title: str
    description: str
    steps: tuple[str, ...]
    line: int = 0


@dataclass(frozen=True)
class Glossary:
    """The whole validated file: the hub term, clusters, paths and terms, in file order."""

    hub: str
    clusters: tuple[Cluster, ...]
    paths: tuple[LearningPath, ...]
    terms: tuple[Term, ...]
    sources: tuple[str, ...] = field(default=(), compare=False)
    """A digest of each term's own lines in the file, in ``terms`` order (``load/chunks.py``); empty
    when unknown. Two terms with the same digest are the same record, wherever they sit."""
