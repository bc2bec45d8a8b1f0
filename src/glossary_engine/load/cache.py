"""A cache of the validated glossary, keyed by the file's bytes, so an unchanged glossary loads at once.

Reading and checking a 10,000-term file takes seconds, most of it in the YAML parser; loading the
same validated model from the cache takes a fraction of that. The key covers everything the result
depends on: the file's bytes, the name messages give it, the current year (years after it are
refused), the engine's own source and the versions of Python, PyYAML and libyaml, so a change to the
checks or the parser never serves a model they would now refuse. Only a glossary that passed is
cached.

Entries are data, never code: JSON, read back field by field into the model's records with every
type checked, and every one-line text checked again against ``plaintext``'s rules. A cache folder
can come from elsewhere (a CI cache, an artifact, a shared checkout); whatever sits in it can at
worst be ignored, and an entry that is damaged, foreign or of another shape is ignored and rebuilt.
"""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
import json
import os
import sys
import tempfile
import types
import typing
import unicodedata
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from ..model.records import Citation, Cluster, Contrast, Glossary, LearningPath, Question, Term
from .plaintext import line_problem, prose_problem
from .source import UnreadableFile, read_file

KEEP = 3
"""Entries kept: the current glossary and the few before it (an undo while previewing hits the cache)."""


@lru_cache(maxsize=1)
def engine_fingerprint() -> str:
    """A hash of the engine's source: a new version of the checks makes every old entry stale."""
    digest = hashlib.sha256()
    folders = [("", resources.files("glossary_engine"))]
    while folders:  # every module of every stage package
        prefix, folder = folders.pop()
        for entry in sorted(folder.iterdir(), key=lambda e: e.name):
            name = prefix + entry.name
            if entry.is_dir() and entry.name != "__pycache__":
                folders.append((name + "/", entry))
            elif entry.name.endswith(".py"):
                digest.update(name.encode() + b"\0" + entry.read_bytes())
    return digest.hexdigest()


def key(raw: bytes, shown: str, this_year: int) -> str:
    """The cache key of one load: the file, how messages name it, the year, the engine, and the
    libraries whose behaviour the result depends on (the YAML parser, Unicode data for name checks)."""
    digest = hashlib.sha256(raw)
    versions = f"{sys.version}\0{yaml.__version__}\0{yaml.__with_libyaml__}\0{unicodedata.unidata_version}"
    digest.update(f"\0{shown}\0{this_year}\0{engine_fingerprint()}\0{versions}".encode())
    return digest.hexdigest()


SUFFIX = ".json"
_RECORDS: dict[str, type[Any]] = {
    cls.__name__: cls for cls in (Citation, Contrast, Question, Term, Cluster, LearningPath, Glossary)
}


class _Unusable(Exception):
    """The entry is not a glossary this engine wrote."""


def _encode(value: Any) -> Any:
    """A record as the list of its field values, in field order (compact, and fast to read back)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [_encode(getattr(value, f.name)) for f in dataclasses.fields(value)]
    if isinstance(value, tuple):
        return [_encode(item) for item in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


@cache
def _shape(cls: type[Any]) -> tuple[tuple[str, Any], ...]:
    hints = typing.get_type_hints(cls)
    return tuple((f.name, hints[f.name]) for f in dataclasses.fields(cls))


def _decode(hint: Any, value: Any) -> Any:
    """``value`` read back as ``hint`` says, or ``_Unusable``."""
    if hint in (str, int, bool):
        if type(value) is not hint:
            raise _Unusable
        return value
    if hint is datetime.date:
        if type(value) is not str:
            raise _Unusable
        return datetime.date.fromisoformat(value)
    origin = typing.get_origin(hint)
    if origin is tuple:
        if type(value) is not list:
            raise _Unusable
        items = typing.get_args(hint)
        if len(items) == 2 and items[1] is Ellipsis:  # tuple[X, ...]
            return tuple(_decode(items[0], v) for v in value)
        if len(items) != len(value):  # a fixed tuple such as tuple[str, int]
            raise _Unusable
        return tuple(_decode(item, v) for item, v in zip(items, value, strict=True))
    if origin in (typing.Union, types.UnionType):  # X | None
        if value is None:
            return None
        (inner,) = (a for a in typing.get_args(hint) if a is not type(None))
        return _decode(inner, value)
    if isinstance(hint, type) and hint.__name__ in _RECORDS:
        shape = _shape(hint)
        if type(value) is not list or len(value) != len(shape):
            raise _Unusable
        return hint(*(_decode(field_hint, v) for (_, field_hint), v in zip(shape, value, strict=True)))
    raise _Unusable


def _texts_pass(glossary: Glossary) -> bool:
    """The text rules hold again (a hand-made entry cannot carry markup the loader refuses)."""
    for term in glossary.terms:
        lines = (term.title, term.short, *term.aliases, *(q.question for q in term.questions))
        if any(line_problem(text) for text in lines) or any(prose_problem(text) for _, text in term.prose()):
            return False
    records: tuple[Cluster | LearningPath, ...] = (*glossary.clusters, *glossary.paths)
    return not any(line_problem(r.title) or prose_problem(r.description) for r in records)


def _references_hold(glossary: Glossary) -> bool:
    """Every name an entry uses is there (what the loader's cross-reference checks guarantee), so a
    hand-made entry cannot make the build fail half-way."""
    slugs = {term.slug for term in glossary.terms}
    clusters = {cluster.id for cluster in glossary.clusters}
    if glossary.hub not in slugs or len(slugs) != len(glossary.terms):
        return False
    for term in glossary.terms:
        names = (*term.related, *(c.term for c in term.contrast))
        if term.cluster not in clusters or any(name not in slugs for name in names):
            return False
        if any(not citation.authors for citation in term.further_reading):
            return False
    return all(step in slugs for path in glossary.paths for step in path.steps)


def read(folder: Path, name: str) -> Glossary | None:
    """The cached glossary under ``name``, or None when there is none or it cannot be used."""
    try:
        # Through the same guard as the glossary itself: an entry that is a link to a device or a
        # pipe, or that is too big, is refused without being read.
        data = json.loads(read_file(folder / f"{name}{SUFFIX}"))
        glossary = _decode(Glossary, data)
    except (UnreadableFile, ValueError, TypeError, RecursionError, _Unusable):
        return None
    return glossary if _texts_pass(glossary) and _references_hold(glossary) else None


def has(folder: Path, name: str) -> bool:
    """Whether an entry named ``name`` is there (``read`` checks whether it can be used)."""
    return (folder / f"{name}{SUFFIX}").is_file()


def write(folder: Path, name: str, glossary: Glossary) -> None:
    """Store ``glossary`` under ``name`` (atomically), keeping the ``KEEP`` newest entries. Best effort:
    a read-only or full disk only costs the next load its speed."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump(_encode(glossary), stream, ensure_ascii=False, separators=(",", ":"))
        os.replace(temporary, folder / f"{name}{SUFFIX}")
        entries = sorted(folder.glob(f"*{SUFFIX}"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in entries[KEEP:]:
            old.unlink(missing_ok=True)
    except OSError:
        return
