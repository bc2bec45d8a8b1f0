"""The page store: each generated page's output from an earlier build, reused while nothing it shows
has changed, so a build renders only what an edit touched.

Two kinds of entry, both data (JSON and HTML text, never code):

- ``rendered``: a term page as the engine renders it (``Rendered``: content, search view, table of
  contents, front matter), keyed by ``term_key``: the term itself and every fact about other terms
  the page draws on (its cluster, the hub, its learning-path places, its backlinks, the autolinker's
  names). The entry also lists the terms whose title, definition, score or year the page shows
  (cards, links, map boxes, path steps, backlinks) with a digest of what it showed; it is used only
  while that digest still holds, as ccache's manifests record the headers a compile read.
- ``page``: a page's final HTML, keyed by ``page_key``: the rendered content (or a term page's
  ``term_key``, which also covers its concept map), the page's place, and the ``chrome`` key of
  everything the theme adds around it (the whole site config and nav, the theme's and engine's files,
  every installed package's version).

A term page is rendered with its hover text as slots (``hover.py``): it shows most terms' definitions
only on hover, so its content is keyed by what it shows of them apart from their definitions, but for
the terms whose cards it shows (``Keys.named``). Stored entries keep the slots; every build fills them
into the finished page, which a --dirty build therefore leaves in place only while the definitions
it fills in are the same as well (``written_key``).

Trust: a store may be restored from a CI cache. Every entry's bytes are checked against the SHA-256
recorded for its key in the manifest this engine wrote; an entry that is missing, damaged, of another
shape or of another key is ignored and rebuilt. A ``rendered`` entry is read back field by field with
every type checked (as ``load/cache.py`` reads the validated glossary). The store cannot tell an entry
planted together with a matching manifest line from one it wrote itself: whoever can write the store
can change the site, as whoever can write ``glossary.yaml``, ``hooks/`` or ``overrides/`` can. Restore
it only from caches that trusted builds write (on GitHub, the default branch's own cache).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
import tempfile
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import metadata, resources
from pathlib import Path
from typing import Any

from .. import urls
from ..load.cache import _encode
from ..memo import PIECES
from ..model.index import GlossaryIndex, outgoing
from ..model.links import find_links
from ..model.records import Cluster, Glossary, LearningPath, Term
from . import hover
from .markup import Heading, Rendered
from .pages import with_first_mentions_linked

FORMAT = 3
KEEP_BUILDS = 3
"""An entry not used by this many builds in a row is deleted (an undo while previewing still hits)."""
MANIFEST = "manifest.json"
_LAST_KEYS = ("store.Keys",)
"""Where a serving process keeps the last build's ``Keys`` (``memo.PIECES``)."""
SHOWS = "shows.json"


def _digest(*parts: object) -> str:
    text = json.dumps(parts, ensure_ascii=False, separators=(",", ":"), sort_keys=True, default=_plain)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _plain(value: Any) -> Any:
    """A JSON-able stand-in for a value json cannot write: a record or a mapping as its fields, a set
    sorted, an object with a ``config`` (a plugin) as that config, anything else as its type's name."""
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=repr)
    if hasattr(value, "__dataclass_fields__"):
        return _encode(value)
    if isinstance(value, Mapping):
        return {str(k): v for k, v in value.items() if not str(k).startswith("_")}
    if isinstance(getattr(value, "config", None), Mapping):
        return {"type": type(value).__qualname__, "config": value.config}
    return type(value).__qualname__


@lru_cache(maxsize=1)
def engine_fingerprint() -> str:
    """Every file of the engine (code, templates, assets) and the version of every installed package."""
    digest = hashlib.sha256()
    folders = [("", resources.files("glossary_engine"))]
    while folders:
        prefix, folder = folders.pop()
        for entry in sorted(folder.iterdir(), key=lambda e: e.name):
            name = prefix + entry.name
            if entry.is_dir():
                if entry.name != "__pycache__":
                    folders.append((name + "/", entry))
            elif not entry.name.endswith((".pyc", ".pyo")):
                digest.update(name.encode() + b"\0" + entry.read_bytes() + b"\0")
    packages = sorted(f"{d.metadata['Name']}=={d.version}" for d in metadata.distributions())
    digest.update(f"{FORMAT}\0{sys.version}\0{packages}".encode())
    return digest.hexdigest()


def folder_fingerprint(folder: str | Path | None) -> str:
    """Every file under ``folder`` (a theme's ``custom_dir``, the hooks), by path and content."""
    digest = hashlib.sha256()
    if folder is not None and os.path.isdir(folder):
        for root, dirs, files in os.walk(folder):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            for name in sorted(files):
                path = os.path.join(root, name)
                digest.update(os.path.relpath(path, folder).encode() + b"\0")
                with open(path, "rb") as stream:
                    digest.update(stream.read() + b"\0")
    return digest.hexdigest()


def chrome_key(config: Any, nav: Any, extra: Iterable[str]) -> str:
    """What the theme adds around every page: the site config (every option, as plain data), the nav
    with its resolved titles and order (the prev/next footer), and ``extra`` fingerprints."""
    return _digest(config, nav, sorted(extra), engine_fingerprint())


def shared_key(*parts: str) -> str:
    """The part of every term page's key that is the same for all: the engine, and ``parts``."""
    return _digest(engine_fingerprint(), *parts)


def shown(term: Term) -> list[object]:
    """What another page shows of a term: in a card, a link and its hover text, a map box, a backlink."""
    return [*named(term), term.short]


def named(term: Term) -> list[object]:
    """What a page shows of a term whose definition it shows only on hover (``hover.py``)."""
    return [term.slug, term.title, term.link_text, term.generality, term.year]


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def term_digest(term: Term) -> str:
    """What a term is, from its record (where it sits in the file aside): the fallback when the loader
    could not digest its lines."""
    return _digest(replace(term, line=0, lines=()))


@dataclass(frozen=True)
class Keys:
    """The digests every term page's key is made of, each computed once per build."""

    shared: str
    """Templates, base URL, site name and engine (``shared_key``)."""
    names: str
    """Every name the autolinker knows."""
    terms: dict[str, str]
    """Each term's own digest: its lines in the file (``Glossary.sources``) or its record."""
    shown: dict[str, str]
    """A digest of what other pages show of each term."""
    named: dict[str, str]
    """A digest of what a term page shows of each term when it shows the definition only on hover."""
    paths: dict[str, tuple[str, LearningPath]] = field(default_factory=dict)
    """Each learning path's page and self-check: ("path" or "check", the path), by page."""
    clusters: dict[str, Cluster] = field(default_factory=dict)
    """Each cluster, by its page."""
    digests: dict[tuple[tuple[str, ...], tuple[str, ...] | None], str] = field(default_factory=dict)
    """``shown_digest``'s results, by its arguments: carried over from the last build's keys for every
    list of terms none of which another page now shows differently (``_carried_digests``)."""

    @classmethod
    def build(cls, index: GlossaryIndex, shared: str) -> Keys:
        """The keys of ``index``'s glossary; ``shared`` from ``shared_key``."""
        glossary = index.glossary
        names = index.autolinker.digest
        if len(glossary.sources) == len(glossary.terms):
            terms = {t.slug: source for t, source in zip(glossary.terms, glossary.sources, strict=True)}
        else:
            terms = {t.slug: term_digest(t) for t in glossary.terms}
        shown_each = {t.slug: PIECES.of(_shown_digest, t) for t in glossary.terms}
        named_each = {t.slug: PIECES.of(_named_digest, t) for t in glossary.terms}
        paths = {urls.path_page(p.id): ("path", p) for p in glossary.paths}
        paths.update({urls.check_page(p.id): ("check", p) for p in glossary.paths})
        clusters = {urls.cluster_page(c.id): c for c in glossary.clusters}
        last = PIECES.find(_LAST_KEYS)  # a serving process's last build
        digests = _carried_digests(last, shown_each) if isinstance(last, Keys) else {}
        keys = cls(shared, names, terms, shown_each, named_each, paths, clusters, digests)
        PIECES.keep(_LAST_KEYS, keys)
        return keys


def _carried_digests(last: Keys, shown: dict[str, str]) -> dict[tuple[tuple[str, ...], tuple[str, ...] | None], str]:
    """``last``'s ``shown_digest`` results that still hold: those of terms whose ``shown`` digest is the
    same now (so is their ``named`` one: it digests part of the same fields). At 10,000 terms this
    spares a rebuild joining and hashing 400,000 digests."""
    changed = {s for s, digest in shown.items() if last.shown.get(s) != digest}
    changed.update(s for s in last.shown if s not in shown)
    return {key: value for key, value in last.digests.items() if changed.isdisjoint(key[0])}


def term_key(index: GlossaryIndex, term: Term, keys: Keys) -> str:
    """The key of a term page's content: the term, its cluster, the hub, its learning paths (its place
    and every step, which its "know it" widget lists), its backlinks, and, when it autolinks, every
    name the autolinker knows. ``keys.shared`` covers the rest (templates, base URL, site name, engine)."""
    cluster = index.clusters[term.cluster]
    return PIECES.of(
        _term_key,
        term,
        keys.shared,
        keys.terms[term.slug],
        (cluster.id, cluster.title, len(index.cluster_terms[cluster.id]), len(index.glossary.clusters)),
        keys.named[index.hub.slug],
        tuple(
            (p.path.id, p.path.title, p.step, p.path.steps, p.before and p.before.slug, p.after and p.after.slug)
            for p in index.positions.get(term.slug, ())
        ),
        tuple(t.slug for t in index.referenced_by.get(term.slug, ())),
        keys.names if term.autolink else None,
    )


def _term_key(term: Term, *parts: Hashable) -> str:
    """The digest of ``parts``; ``term`` only names the page (``term_key`` remembers it per term)."""
    return _digest(*parts)


def _shown_digest(term: Term) -> str:
    return _digest(shown(term))


def _named_digest(term: Term) -> str:
    return _digest(named(term))


def shown_terms(index: GlossaryIndex, linked: Term) -> list[str]:
    """Every term a term page shows something of; ``linked`` is the term with its autolinks made."""
    slugs = {index.hub.slug, *outgoing(linked)}
    slugs.update(t.slug for t in index.referenced_by.get(linked.slug, ()))
    for p in index.positions.get(linked.slug, ()):
        slugs.update(t.slug for t in (p.before, p.after) if t is not None)
    return sorted(slugs)


def shown_digest(keys: Keys, slugs: tuple[str, ...], whole: tuple[str, ...] | None = None) -> str | None:
    """A digest of what a page shows of ``slugs`` now: of each term in ``whole`` (every term, if None)
    all ``shown`` holds, of the others what ``named`` holds. None when one of them is gone."""
    found = keys.digests.get((slugs, whole))
    if found is not None:
        return found
    shown, named = keys.shown, keys.named
    try:
        parts = [(shown if whole is None or s in whole else named)[s] for s in slugs]
    except KeyError:
        return None
    digest = keys.digests[(slugs, whole)] = _hash("\0".join(parts))
    return digest


def slotted_digest(keys: Keys, slugs: tuple[str, ...], term: Term) -> str | None:
    """``shown_digest`` for ``term``'s page, rendered with hover slots: the terms of its related cards
    whole, every other term without its definition."""
    return shown_digest(keys, slugs, term.related)


def written_key(keys: Keys, page_key: str, slugs: tuple[str, ...]) -> str | None:
    """What a finished term page written to the site folder is: its ``page_key`` and the definitions
    its slots were filled with (every term it shows, ``slugs``). None when one of them is gone."""
    digest = shown_digest(keys, slugs)
    return _hash(f"{page_key}\0{digest}") if digest is not None else None


def content_key(term_key: str, shown: str) -> str:
    """The key of what a term page's content is (its learning widgets and concept map included): its
    ``term_key`` and what it shows of other terms."""
    return _hash(f"{term_key}\0{shown}")  # digests: no NUL in either


def page_key(chrome: str, page: str, content: str) -> str:
    """The key of a page's final HTML: the theme's part, the page, and its content's own key."""
    return _hash(f"{chrome}\0{page}\0{content}")  # a page's path has no NUL, the others are digests


def rendered_digest(rendered: Rendered) -> str:
    """A key for what a page's content is: every field of its ``Rendered``."""
    return _digest(encode_rendered(rendered))


def _heading(value: Heading) -> list[object]:
    return [value.level, value.id, value.name, [_heading(child) for child in value.children]]


def encode_rendered(rendered: Rendered) -> dict[str, object]:
    """A ``Rendered`` as JSON data."""
    return {
        "meta": rendered.meta,
        "html": rendered.html,
        "toc": [_heading(h) for h in rendered.toc],
    }


class _Unusable(Exception):
    """A stored entry of another shape."""


def _text(value: object) -> str:
    if type(value) is not str:
        raise _Unusable
    return value


def _decode_heading(value: object) -> Heading:
    if type(value) is not list or len(value) != 4 or type(value[0]) is not int or type(value[3]) is not list:
        raise _Unusable
    return Heading(value[0], _text(value[1]), _text(value[2]), [_decode_heading(c) for c in value[3]])


def _json_data(value: object) -> bool:
    """Plain JSON data all the way down (what front matter holds)."""
    if value is None or type(value) in (str, int, float, bool):
        return True
    if type(value) is list:
        return all(_json_data(v) for v in value)
    return type(value) is dict and all(type(k) is str and _json_data(v) for k, v in value.items())


def decode_rendered(data: object) -> Rendered:
    """A ``Rendered`` read back from ``encode_rendered``'s data, every type checked, or ``_Unusable``."""
    if type(data) is not dict or type(data.get("toc")) is not list:
        raise _Unusable
    meta = data.get("meta")
    if type(meta) is not dict or not _json_data(meta):
        raise _Unusable
    toc = tuple(_decode_heading(h) for h in data["toc"])
    return Rendered(meta, _text(data.get("html")), toc)


@dataclass(frozen=True)
class StoredTermPage:
    """A term page's ``rendered`` entry: the page, and the terms it shows with a digest of what it showed."""

    rendered: Rendered
    shows: tuple[str, ...]
    shown_digest: str
    """``slotted_digest`` of ``shows``."""


_IN_PLACE = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)


def _write_in_place(path: Path, body: bytes) -> bool:
    """Write ``body`` to ``path`` itself, making its folder if missing; False where that is not safe
    or possible (the path is a symbolic link, say: a store restored from a cache must not make the
    build write through one), for the caller to write a new file and rename it over ``path``."""
    if not hasattr(os, "O_NOFOLLOW"):
        return False
    try:
        handle = os.open(path, _IN_PLACE, 0o644)
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = os.open(path, _IN_PLACE, 0o644)
    except OSError:
        return False
    with os.fdopen(handle, "wb") as stream:
        stream.write(body)
    return True


class PageStore:
    """Entries under ``folder``, checked against the manifest on every read; ``finish`` saves the
    manifest and deletes entries no recent build used. A store that cannot be written only costs speed."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)
        self._generation = 0
        self._entries: dict[str, list[Any]] = {}  # name -> [sha256 of its bytes, last build that used it]
        try:
            data = json.loads((self.folder / MANIFEST).read_text(encoding="utf-8"))
            if type(data) is dict and data.get("format") == FORMAT and type(data.get("entries")) is dict:
                self._generation = int(data.get("generation", 0)) + 1
                self._entries = {
                    name: entry
                    for name, entry in data["entries"].items()
                    if type(entry) is list and len(entry) == 2 and type(entry[0]) is str and type(entry[1]) is int
                }
        except (OSError, ValueError, TypeError):
            pass
        self._shows: dict[str, list[Any]] | None = None  # term key -> [the terms its page shows, last build]

    def has(self, name: str) -> bool:
        """Whether the manifest lists ``name`` (its bytes are checked when read)."""
        return name in self._entries

    def read(self, name: str) -> bytes | None:
        """The bytes stored under ``name``, if they are exactly the bytes the manifest recorded."""
        entry = self._entries.get(name)
        if entry is None:
            return None
        try:
            with open(self.folder / name, "rb") as stream:
                body = stream.read()
        except OSError:
            return None
        if hashlib.sha256(body).hexdigest() != entry[0]:
            del self._entries[name]
            return None
        entry[1] = self._generation
        return body

    def touch(self, name: str) -> None:
        """Count ``name`` as used by this build without reading it (so it is kept)."""
        entry = self._entries.get(name)
        if entry is not None:
            entry[1] = self._generation

    def write(self, name: str, body: bytes, *, atomic: bool = False) -> None:
        """Store ``body`` under ``name``; best effort. An entry is written in place: one cut short (a
        build stopped half-way, or two builds writing the same entry) fails its digest in the manifest
        and is made again, so only the manifest, which nothing checks, needs a new file renamed over
        the old one (``atomic``). A file creation is about 0.3 ms on a slow file system, and a cold
        build stores two entries per term page."""
        path = self.folder / name
        try:
            if atomic or not _write_in_place(path, body):
                path.parent.mkdir(parents=True, exist_ok=True)
                handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
                with os.fdopen(handle, "wb") as stream:
                    stream.write(body)
                os.replace(temporary, path)
        except OSError:
            self._entries.pop(name, None)
            return
        self._entries[name] = [hashlib.sha256(body).hexdigest(), self._generation]

    def finish(self) -> None:
        """Save the manifest; delete what no build among the last ``KEEP_BUILDS`` used."""
        if self._shows is not None:
            kept = {k: v for k, v in self._shows.items() if self._generation - v[1] < KEEP_BUILDS}
            self.write(SHOWS, json.dumps(kept, separators=(",", ":")).encode("utf-8"))
        stale = [name for name, entry in self._entries.items() if self._generation - entry[1] >= KEEP_BUILDS]
        for name in stale:
            del self._entries[name]
            with contextlib.suppress(OSError):
                (self.folder / name).unlink()
        manifest = {"format": FORMAT, "generation": self._generation, "entries": self._entries}
        self.write(MANIFEST, json.dumps(manifest, separators=(",", ":")).encode("utf-8"), atomic=True)
        self._entries.pop(MANIFEST, None)

    def changes(self) -> dict[str, Any]:
        """What this build has written, read or touched so far, as plain data for ``adopt`` (a worker
        process drew some pages into the same folder)."""
        now = self._generation
        entries = {name: entry for name, entry in self._entries.items() if entry[1] == now}
        shows = {key: entry for key, entry in (self._shows or {}).items() if entry[1] == now}
        return {"generation": now, "entries": entries, "shows": shows}

    def adopt(self, changes: dict[str, Any]) -> None:
        """Take in a worker process's ``changes`` to the same store in the same build."""
        if changes.get("generation") != self._generation:
            return
        for name, entry in changes["entries"].items():
            if type(entry) is list and len(entry) == 2 and type(entry[0]) is str and type(entry[1]) is int:
                self._entries[name] = entry
        if changes["shows"]:
            self._shows_map().update(changes["shows"])

    # Term pages' content.

    def _shows_map(self) -> dict[str, list[Any]]:
        if self._shows is None:
            self._shows = {}
            body = self.read(SHOWS)
            try:
                data = json.loads(body) if body is not None else None
            except ValueError:
                data = None
            if type(data) is dict:
                self._shows = {
                    key: entry
                    for key, entry in data.items()
                    if type(entry) is list
                    and len(entry) == 2
                    and type(entry[0]) is list
                    and all(type(slug) is str for slug in entry[0])
                    and type(entry[1]) is int
                }
        return self._shows

    def shows(self, key: str) -> tuple[str, ...] | None:
        """The terms shown by the term page whose content was stored under ``key`` (a ``term_key``),
        if a build stored it: with them a page's content key is known without rendering it."""
        entry = self._shows_map().get(key)
        if entry is None:
            return None
        entry[1] = self._generation
        self.touch(f"rendered/{key[:2]}/{key}.json")
        return tuple(entry[0])

    def term_page(self, key: str, keys: Keys, term: Term) -> StoredTermPage | None:
        """The ``rendered`` entry under ``key``, if it is sound and every term it shows still reads the same."""
        body = self.read(f"rendered/{key[:2]}/{key}.json")
        if body is None:
            return None
        try:
            data = json.loads(body)
            if type(data) is not dict or data.get("key") != key:
                return None
            shows = data.get("shows")
            if type(shows) is not list or not all(type(s) is str for s in shows):
                return None
            stored = StoredTermPage(decode_rendered(data.get("rendered")), tuple(shows), _text(data.get("shown")))
        except (ValueError, TypeError, RecursionError, _Unusable):
            return None
        return stored if slotted_digest(keys, stored.shows, term) == stored.shown_digest else None

    def keep_term_page(self, key: str, stored: StoredTermPage) -> None:
        """Store a term page's ``rendered`` entry, and the terms it shows."""
        data = {
            "key": key,
            "shows": stored.shows,
            "shown": stored.shown_digest,
            "rendered": encode_rendered(stored.rendered),
        }
        self.write(f"rendered/{key[:2]}/{key}.json", json.dumps(data, ensure_ascii=False).encode("utf-8"))
        self._shows_map()[key] = [list(stored.shows), self._generation]

    # Whole-site files (the search index, the exports).

    def files(self, kind: str, key: str) -> list[tuple[str, str]] | None:
        """The files of ``kind`` stored under ``key``, as (site path, content), checked."""
        body = self.read(f"files/{kind}-{key}.json")
        if body is None:
            return None
        try:
            data = json.loads(body)
        except ValueError:
            return None
        if type(data) is not dict or data.get("key") != key or type(data.get("files")) is not list:
            return None
        files = data["files"]
        if not all(type(f) is list and len(f) == 2 and type(f[0]) is str and type(f[1]) is str for f in files):
            return None
        return [(path, content) for path, content in files]

    def keep_files(self, kind: str, key: str, files: list[tuple[str, str]]) -> None:
        """Store the files of ``kind`` under ``key``."""
        data = {"key": key, "files": [list(f) for f in files]}
        self.write(f"files/{kind}-{key}.json", json.dumps(data, ensure_ascii=False).encode("utf-8"))

    # Final pages.

    def page(self, key: str) -> str | None:
        """A page's final HTML under ``key``, checked."""
        body = self.read(f"pages/{key[:2]}/{key}.html")
        if body is None:
            return None
        try:
            return body.decode("utf-8")
        except UnicodeDecodeError:
            return None

    def has_page(self, key: str) -> bool:
        """Whether a final page is listed under ``key`` (``page`` checks its bytes)."""
        return self.has(f"pages/{key[:2]}/{key}.html")

    def touch_page(self, key: str) -> None:
        """Count the final page under ``key`` as used without reading it: the site folder already holds it."""
        self.touch(f"pages/{key[:2]}/{key}.html")

    def keep_page(self, key: str, html: str) -> None:
        """Store a page's final HTML."""
        self.write(f"pages/{key[:2]}/{key}.html", html.encode("utf-8"))


def glossary_key(glossary: Glossary) -> str | None:
    """What the whole glossary is (where records sit in the file aside), from its terms' digests; None
    when the loader could not digest them."""
    if len(glossary.sources) != len(glossary.terms):
        return None
    return _digest(
        engine_fingerprint(),
        glossary.sources,
        glossary.hub,
        [replace(c, line=0) for c in glossary.clusters],
        [replace(p, line=0) for p in glossary.paths],
    )


def outputs_key(*parts: object) -> str:
    """The key of a set of whole-site files (``PageStore.files``): everything they are made of."""
    return _digest(engine_fingerprint(), *parts)


def _linked(texts: Iterable[str]) -> list[str]:
    """The terms ``[[linked]]`` from ``texts`` (prose outside term pages is not autolinked)."""
    return sorted({link.slug for text in texts for link in find_links(text)})


def shown_content_key(index: GlossaryIndex, page: str, keys: Keys) -> str | None:
    """The content key of a cluster's page, a learning path's page or a self-check, from what it shows,
    without rendering it; None for any other page.

    A cluster page shows the cluster, the hub's title (its crumb), its terms' cards in order, and the
    terms its description links to. A path page shows the path, its steps' titles and definitions
    (the steps widget), and the terms its description links to. A self-check shows its steps whole
    (definitions, contrasts, common questions), the terms they contrast with, and the terms its answers
    link to."""
    cluster = keys.clusters.get(page)
    if cluster is not None:
        shows = [t.slug for t in index.cluster_terms[cluster.id]]
        linked = _linked([cluster.description])
        shown_now = [keys.shown.get(s) for s in [index.hub.slug, *shows, *linked]]
        return _digest(keys.shared, "cluster", replace(cluster, line=0), shown_now)
    kind, path = keys.paths.get(page, ("", None))
    if path is None:
        return None
    if kind == "path":
        shows = [*path.steps, *_linked([path.description])]
        return _digest(keys.shared, kind, replace(path, line=0), [keys.shown.get(s) for s in shows])
    steps = [index.terms[slug] for slug in path.steps]
    contrasted = [c.term for t in steps for c in t.contrast]
    linked = _linked(q.answer for t in steps for q in t.questions)
    return _digest(
        keys.shared,
        kind,
        replace(path, line=0),
        [keys.terms[t.slug] for t in steps],
        [keys.shown.get(s) for s in [*contrasted, *linked]],
    )


def page_title(keys: Keys, page: str) -> str | None:
    """The title a cluster page will have (the nav's entry for it), known without rendering it."""
    cluster = keys.clusters.get(page)
    return cluster.title if cluster is not None else None


def known_content_key(
    store: PageStore | None, index: GlossaryIndex, term: Term, keys: Keys
) -> tuple[str, tuple[str, ...]] | None:
    """The content key of ``term``'s page and the terms it shows, without rendering it, when a build
    stored that content."""
    if store is None:
        return None
    key = term_key(index, term, keys)
    shows = store.shows(key)
    if shows is None:
        return None
    digest = slotted_digest(keys, shows, term)
    return (content_key(key, digest), shows) if digest is not None else None


@dataclass(frozen=True)
class TermPage:
    """A term page's content, with its hover text as slots (``hover.py``)."""

    rendered: Rendered
    content_key: str
    shows: tuple[str, ...]
    """Every term the page shows something of (its slots' terms among them)."""
    reused: bool
    """Taken from the store, not rendered."""


def term_page(
    store: PageStore | None, index: GlossaryIndex, term: Term, keys: Keys, render: Callable[[], Rendered]
) -> TermPage:
    """A term page's content from the store, or rendered in slot mode (and stored)."""
    key = term_key(index, term, keys)
    stored = store.term_page(key, keys, term) if store is not None else None
    if stored is not None:
        return TermPage(stored.rendered, content_key(key, stored.shown_digest), stored.shows, True)
    with hover.slots():
        rendered = render()
    slots = hover.slugs(rendered.html)
    shows = tuple(sorted(slots.union(shown_terms(index, with_first_mentions_linked(index, term)))))
    digest = slotted_digest(keys, shows, term)
    assert digest is not None, "every term a page shows is in the glossary"
    if store is not None:
        store.keep_term_page(key, StoredTermPage(rendered, shows, digest))
    return TermPage(rendered, content_key(key, digest), shows, False)


TERMS = "terms.json"


def _names(slugs: list[str], limit: int = 3) -> str:
    shown_names = ", ".join(slugs[:limit])
    return shown_names + (f" and {len(slugs) - limit} more" if len(slugs) > limit else "")


@dataclass
class BuildReport:
    """What one build reused and what it made again, and why, for a line in the terminal."""

    keys: Keys | None = None
    """This build's digests (``Keys``), made by ``start``."""
    changed: set[str] = field(default_factory=set)
    removed: list[str] = field(default_factory=list)
    edited_pages: list[str] = field(default_factory=list)
    showing_pages: int = 0
    reused: int = 0
    themed: int = 0
    from_store: int = 0
    in_place: int = 0
    """Pages a --dirty build left alone: the site folder already held them."""

    def start(self, page_store: PageStore | None, index: GlossaryIndex, shared: str) -> None:
        """Note which terms changed since the build that last used ``page_store``."""
        self.keys = Keys.build(index, shared)
        if page_store is None:
            return
        now = self.keys.terms
        before: object = None
        body = page_store.read(TERMS)
        if body is not None:
            try:
                before = json.loads(body)
            except ValueError:
                before = None
        if type(before) is dict:
            self.changed = {slug for slug, digest in now.items() if before.get(slug) != digest}
            self.removed = sorted(slug for slug in before if slug not in now)
        page_store.write(TERMS, json.dumps(now, sort_keys=True).encode("utf-8"))

    def term_page(self, slug: str, reused: bool) -> None:
        """Count a term page: reused from the store, or rendered (its term changed, or what it shows)."""
        if reused:
            self.reused += 1
        elif slug in self.changed:
            self.edited_pages.append(slug)
        else:
            self.showing_pages += 1

    def summary(self) -> str:
        """E.g. "term pages: 3 rendered (parameter changed; 2 show what changed), 467 reused; ..."."""
        rendered = len(self.edited_pages) + self.showing_pages
        why = []
        if self.edited_pages:
            why.append(f"{_names(sorted(self.edited_pages))} changed")
        if self.removed:
            why.append(f"{_names(self.removed)} removed")
        if self.showing_pages:
            why.append(f"{self.showing_pages} show what changed")
        because = f" ({'; '.join(why)})" if why and self.reused else ""
        return (
            f"term pages: {rendered} rendered{because}, {self.reused} reused;"
            f" final pages: {self.themed} drawn by the theme, {self.from_store} from the page store"
            + (f", {self.in_place} already in the site folder" if self.in_place else "")
        )
