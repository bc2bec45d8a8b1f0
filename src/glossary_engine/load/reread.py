"""Read one glossary file again and again, as live preview does, checking only the terms that changed.

After a good read (``loader.Parsed``), a new text whose only changes are inside some terms' lines
(same text before and after the terms, as many terms, each keeping its slug and former slugs) is read
by parsing those terms' lines alone, at their own line numbers, and running the checks across terms
that a change to them can fail: names shared with other terms, their cluster, related terms and
contrasts, and the links in their prose. Every other term's record and model are the last read's.

Anything else (a term added, removed or renamed, a change to the hub, clusters or paths, more than
``MOST_CHANGED`` terms, or any problem at all) is read whole, so every message is exactly a whole
read's, and the result is always the model a whole read makes (``tests/test_reread.py`` compares them).
"""

from __future__ import annotations

import dataclasses

from ..model.records import Glossary, Term
from . import schema
from .chunks import chunk_digest, split
from .loader import (
    Parsed,
    Record,
    _check_names,
    _check_prose_links,
    _check_records,
    _check_term_refs,
    _Checker,
    _no_garbage_collection,
    _parse_glossary,
    _term,
)
from .source import Mapping, read_yaml

MOST_CHANGED = 50
"""Past this many changed terms a whole read is about as fast, and simpler."""


class Reader:
    """Reads one glossary file; keeps its last good read for the next."""

    def __init__(self) -> None:
        self._last: Parsed | None = None
        self.rechecked: int | None = None
        """How many changed terms the last good read checked alone; None when it read the file whole."""

    def knows(self, path: str, this_year: int) -> bool:
        """Whether a good read of ``path`` is kept, so the next read can check only what changed."""
        return self._last is not None and (self._last.path, self._last.this_year) == (path, this_year)

    def parse(self, text: str, path: str, this_year: int) -> Glossary:
        """The model of ``text`` (the contents of ``path``), or ``GlossaryError``: as ``parse_glossary``."""
        with _no_garbage_collection():
            last = self._last
            parsed = None
            if last is not None and self.knows(path, this_year):
                try:
                    parsed = _again(last, text)
                except (LookupError, TypeError, ValueError, AttributeError, RecursionError):
                    # A text of a shape the short path did not foresee: the whole read is always right.
                    parsed = None
            self.rechecked = None
            if parsed is None:
                parsed = _parse_glossary(text, path, this_year)
            elif last is not None:
                self.rechecked = sum(new is not old for new, old in zip(parsed.terms, last.terms, strict=True))
            self._last = parsed
            return parsed.glossary


def _again(last: Parsed, text: str) -> Parsed | None:
    """``text`` read by checking only the terms whose lines differ from ``last``; None when that
    cannot be done or found any problem (then the caller reads the text whole)."""
    found = split(text)
    if found is None or not last.chunks:
        return None
    prefix, chunks, suffix = found
    if len(chunks) != len(last.chunks) or prefix != last.prefix or suffix != last.suffix:
        return None
    changed = [i for i, (new, old) in enumerate(zip(chunks, last.chunks, strict=True)) if new != old]
    if len(changed) > MOST_CHANGED:
        return None
    records = _read_terms(last, chunks, changed)
    if records is None:
        return None
    terms = list(last.terms)
    model = list(last.glossary.terms)
    sources = list(last.glossary.sources)
    for i, record in records.items():
        terms[i] = record
        model[i] = _term(record)
        sources[i] = chunk_digest(chunks[i])
    # Slugs and former slugs are as before; a changed title or alias may now clash with another term's.
    checker = _Checker(last.path, (), last.this_year)
    _check_names(checker, terms)
    if checker.problems:
        return None
    shift = 0  # how many lines the changed terms so far moved the terms after them
    for i, chunk in enumerate(chunks):
        if i in records:
            shift += chunk.count("\n") - last.chunks[i].count("\n")
        elif shift:
            model[i] = _moved(model[i], shift)
    glossary = dataclasses.replace(last.glossary, terms=tuple(model), sources=tuple(sources))
    return dataclasses.replace(last, glossary=glossary, terms=terms, chunks=chunks)


def _read_terms(last: Parsed, chunks: list[str], changed: list[int]) -> dict[int, Record] | None:
    """The checked record of each changed term, by its place, read from its own lines at their line
    numbers, with its references and the links in its prose checked. None on any problem, or when a
    term's slug or former slugs changed (other terms' references may then break: a whole read checks)."""
    if not changed:
        return {}
    # One document: the key "terms:" on the line before the first changed term, then each changed
    # term's lines at their line in the file, blank lines between, so every mark is the file's.
    parts: list[str] = []
    line = 1
    at, counted = last.prefix.count("\n") + 1, 0  # the line chunks[counted] starts at
    for i in changed:
        if not chunks[i].endswith("\n"):
            return None  # the last term of a file without a final newline: read it whole
        at += sum(chunk.count("\n") for chunk in chunks[counted:i])
        counted = i
        parts.append("\n" * (at - line - 1) + "terms:\n" if not parts else "\n" * (at - line))
        parts.append(chunks[i])
        line = at + chunks[i].count("\n")
    document = read_yaml(last.path, "".join(parts))
    root = document.root
    if document.problems or not isinstance(root, Mapping) or list(root) != ["terms"]:
        return None
    checker = _Checker(last.path, document.lines, last.this_year)
    field = schema.TOP_FIELDS[3]
    records = _check_records(checker, root["terms"], field, "term", "slug", root.value_marks["terms"])
    if checker.problems or len(records) != len(changed):
        return None
    if any(
        new["slug"] != last.terms[i]["slug"] or _former(new) != _former(last.terms[i])
        for i, new in zip(changed, records, strict=True)
    ):
        return None
    slugs = {t["slug"] for t in last.terms}
    former = {slug: t["slug"] for t in last.terms for slug in _former(t)}
    cluster_ids = {c["id"] for c in last.clusters}
    for record in records:
        _check_term_refs(checker, record, slugs, cluster_ids, former)
    _check_prose_links(checker, slugs, former)
    return None if checker.problems else dict(zip(changed, records, strict=True))


def _former(record: Record) -> list[str]:
    return [slug for slug, _ in record["formerly"] or ()]


def _moved(term: Term, lines: int) -> Term:
    """``term`` as read ``lines`` further down the file."""
    return dataclasses.replace(
        term, line=term.line + lines, lines=tuple((name, line + lines) for name, line in term.lines)
    )
