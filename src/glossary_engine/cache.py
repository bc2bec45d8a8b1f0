"""A cache of the validated glossary, keyed by the file's bytes, so an unchanged glossary loads at once.

Reading and checking a 10,000-term file takes about 4 s, most of it in the YAML parser; loading the
same validated model from a pickle takes 0.15 s. The key covers everything the result depends on: the
file's bytes, the name messages give it, the current year (years after it are refused), the engine's
own source and the versions of Python, PyYAML and libyaml, so a change to the checks or the parser
never serves a model they would now refuse. Only a
glossary that passed is cached; an unreadable or stale entry is ignored and rebuilt.

The cache folder belongs to the project (``.cache/`` beside ``mkdocs.yml``, ignored by git): anyone
who can write there can already change the project's hooks, so its pickles are trusted like them.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
import unicodedata
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

from .model import Glossary

KEEP = 3
"""Entries kept: the current glossary and the few before it (an undo while previewing hits the cache)."""


@lru_cache(maxsize=1)
def engine_fingerprint() -> str:
    """A hash of the engine's source: a new version of the checks makes every old entry stale."""
    digest = hashlib.sha256()
    package = resources.files("glossary_engine")
    for entry in sorted(package.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".py"):
            digest.update(entry.name.encode() + b"\0" + entry.read_bytes())
    return digest.hexdigest()


def key(raw: bytes, shown: str, this_year: int) -> str:
    """The cache key of one load: the file, how messages name it, the year, the engine, and the
    libraries whose behaviour the result depends on (the YAML parser, Unicode data for name checks)."""
    digest = hashlib.sha256(raw)
    versions = f"{sys.version}\0{yaml.__version__}\0{yaml.__with_libyaml__}\0{unicodedata.unidata_version}"
    digest.update(f"\0{shown}\0{this_year}\0{engine_fingerprint()}\0{versions}".encode())
    return digest.hexdigest()


def read(folder: Path, name: str) -> Glossary | None:
    """The cached glossary under ``name``, or None when there is none or it cannot be used."""
    try:
        with open(folder / f"{name}.pickle", "rb") as stream:
            glossary = pickle.load(stream)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError, TypeError):
        return None
    return glossary if isinstance(glossary, Glossary) else None


def write(folder: Path, name: str, glossary: Glossary) -> None:
    """Store ``glossary`` under ``name`` (atomically), keeping the ``KEEP`` newest entries. Best effort:
    a read-only or full disk only costs the next load its speed."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, suffix=".tmp")
        with os.fdopen(handle, "wb") as stream:
            pickle.dump(glossary, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, folder / f"{name}.pickle")
        entries = sorted(folder.glob("*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in entries[KEEP:]:
            old.unlink(missing_ok=True)
    except OSError:
        return
