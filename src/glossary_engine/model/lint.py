"""Content lint: editorial rules for a glossary worth reading, beyond what the loader enforces.

The loader guarantees a well-formed, fully linked file; the lint checks that the content meets the
house standard (definition length, explanation length, citations, related lists, the deepest
sections for the most general terms). Each finding names the term and its line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..settings import Standard
from .index import GlossaryIndex
from .links import prose_outside_code, replace_links
from .records import Term

_WORD = re.compile(r"[\w'’-]+")
_RAW_HTML = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>|<!--")


@dataclass(frozen=True, order=True)
class Finding:
    """One lint finding: where, which term, what."""

    line: int
    subject: str
    message: str

    def __str__(self) -> str:
        return f"glossary.yaml:{self.line}: {self.subject}: {self.message}"


def word_count(markdown: str) -> int:
    """Words a reader sees: links count by their shown text."""
    plain = replace_links(markdown, lambda slug, text: text or slug.replace("-", " "))
    return len(_WORD.findall(plain))


def _term_findings(term: Term, full: bool, standard: Standard, terms: int) -> list[str]:
    found = []
    for name, text in term.prose():
        tag = _RAW_HTML.search(prose_outside_code(text))
        if tag:
            found.append(f"{name}: raw HTML ({tag.group()}) is left out of the page; write Markdown instead")
    if any("TODO" in text for text in (term.short, term.explanation)):
        found.append("still has a TODO placeholder from `glossary new`")
    if len(term.short) > standard.short_max:
        found.append(f"short: {len(term.short)} characters; keep it to {standard.short_max}")
    if term.short.casefold().startswith(term.title.casefold()):
        found.append("short: starts by repeating the title; define it instead")
    words = word_count(term.explanation)
    low, high = standard.explanation_words
    if not low <= words <= high:
        found.append(f"explanation: {words} words; write {low}–{high}")
    low, high = standard.related_for(terms)
    if not low <= len(term.related) <= high:
        found.append(f"related: {len(term.related)} terms; give {low}–{high}")
    if not term.further_reading:
        found.append("further_reading: give at least one real source")
    for number, citation in enumerate(term.further_reading, 1):
        if not (citation.doi or citation.arxiv or citation.isbn or citation.url):
            found.append(f"further_reading[{number}]: add a DOI, arXiv id, ISBN or URL")
    if full:
        missing = [
            name
            for name in ("why_it_matters", "how_it_works", "examples", "strengths", "challenges", "questions")
            if not getattr(term, name)
        ]
        if missing:
            found.append(f"one of the {standard.full_count(terms)} most general terms: add {', '.join(missing)}")
        low, high = standard.questions
        if term.questions and not low <= len(term.questions) <= high:
            found.append(f"questions: {len(term.questions)}; give {low}–{high}")
    return found


def lint(index: GlossaryIndex, standard: Standard | None = None) -> list[Finding]:
    """Every editorial finding, in file order, against ``standard`` (the default one if None)."""
    standard = standard or Standard()
    terms = index.glossary.terms
    ranked = sorted(terms, key=lambda t: (-t.generality, t.slug))
    full = {t.slug for t in ranked[: standard.full_count(len(terms))]}
    findings = [
        Finding(t.line_of(m.split(":", 1)[0]), f"term '{t.slug}'", m)
        for t in terms
        for m in _term_findings(t, t.slug in full, standard, len(terms))
    ]
    seen: dict[str, Term] = {}
    for term in terms:
        key = term.short.casefold()
        if key in seen:
            message = f"short: same definition as '{seen[key].slug}'"
            findings.append(Finding(term.line_of("short"), f"term '{term.slug}'", message))
        seen.setdefault(key, term)
    on_paths = {slug for path in index.glossary.paths for slug in path.steps}
    for term in terms:
        if term.slug != index.hub.slug and term.slug not in on_paths and not index.referenced_by.get(term.slug):
            findings.append(
                Finding(term.line, f"term '{term.slug}'", "orphan: no term links here and no learning path contains it")
            )
    for path in index.glossary.paths:
        low, high = standard.path_steps_for(len(terms))
        if not low <= len(path.steps) <= high:
            findings.append(Finding(path.line, f"path '{path.id}'", f"has {len(path.steps)} steps; give {low}–{high}"))
    return sorted(findings)
