"""Derived views of the glossary, computed once per build in one linear pass.

Lookups by slug, each cluster's terms by generality, each term's places on learning paths, and the
terms that point at each term (its backlinks).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ..memo import PIECES
from .autolink import Autolinker
from .links import find_links
from .records import Cluster, Glossary, LearningPath, Term


@dataclass(frozen=True)
class PathPosition:
    """Where a term sits on one learning path: step ``step`` of ``total``, and its neighbours."""

    path: LearningPath
    step: int
    before: Term | None
    after: Term | None

    @property
    def total(self) -> int:
        """Number of steps on the path."""
        return len(self.path.steps)


def by_generality(terms: list[Term] | tuple[Term, ...]) -> tuple[Term, ...]:
    """Most general first; ties by title so the order is stable."""
    return tuple(sorted(terms, key=lambda t: (-t.generality, t.title.casefold(), t.slug)))


def outgoing(term: Term) -> list[str]:
    """Every term slug this term points at: related, contrast and prose links, without repeats."""
    slugs = [*term.related, *(c.term for c in term.contrast)]
    slugs += [link.slug for _, text in term.prose() for link in find_links(text)]
    return list(dict.fromkeys(s for s in slugs if s != term.slug))


def _outgoing(term: Term) -> tuple[str, ...]:
    return tuple(outgoing(term))


def links_of(term: Term) -> tuple[str, ...]:
    """``outgoing(term)`` of a term of the glossary as read: remembered for an unchanged term (memo.py)."""
    return PIECES.of(_outgoing, term)


@dataclass(frozen=True)
class GlossaryIndex:
    """The glossary plus everything derived from it that pages need."""

    glossary: Glossary
    terms: dict[str, Term]
    clusters: dict[str, Cluster]
    paths: dict[str, LearningPath]
    cluster_terms: dict[str, tuple[Term, ...]]
    positions: dict[str, tuple[PathPosition, ...]]
    referenced_by: dict[str, tuple[Term, ...]]
    autolinker: Autolinker

    @property
    def hub(self) -> Term:
        """The site-wide entry term."""
        return self.terms[self.glossary.hub]

    @classmethod
    def build(cls, glossary: Glossary) -> GlossaryIndex:
        """Derive every view from a validated glossary."""
        terms = {t.slug: t for t in glossary.terms}
        members: dict[str, list[Term]] = defaultdict(list)
        backlinks: dict[str, list[Term]] = defaultdict(list)
        for term in glossary.terms:
            members[term.cluster].append(term)
            for slug in links_of(term):
                backlinks[slug].append(term)
        positions: dict[str, list[PathPosition]] = defaultdict(list)
        for path in glossary.paths:
            steps = path.steps
            for i, slug in enumerate(steps):
                before = terms[steps[i - 1]] if i > 0 else None
                after = terms[steps[i + 1]] if i + 1 < len(steps) else None
                positions[slug].append(PathPosition(path, i + 1, before, after))
        return cls(
            glossary=glossary,
            terms=terms,
            clusters={c.id: c for c in glossary.clusters},
            paths={p.id: p for p in glossary.paths},
            cluster_terms={c.id: by_generality(members[c.id]) for c in glossary.clusters},
            positions={slug: tuple(p) for slug, p in positions.items()},
            referenced_by={slug: tuple(sorted(ts, key=lambda t: t.title.casefold())) for slug, ts in backlinks.items()},
            autolinker=Autolinker.build(glossary.terms),
        )
