"""What one process remembers from build to build: ``mkdocs serve`` rebuilds in the same process, so a
rebuild can skip what the last one already did.

- which projects were built, so a rebuild can skip work that only a later process would use;
- which final page (or which content) each file holds, so a --dirty build writes only the pages and
  files that changed;
- ``outputs``: what the last build wrote into each site folder. A build that does not empty the folder
  first (``mkdocs serve --dirty``) removes what it no longer makes, so the folder holds exactly what a
  clean build would write.
- ``THEME_BYTECODE``, ``ENGINE_BYTECODE``: compiled Jinja templates, checked against each template's
  source on every use.
- whether this process serves the site: then full garbage collections wait until a rebuild is over;
- a quick watch on the glossary file while serving (``watch``);
- each project's glossary reader, which keeps the last good read of the file, so a rebuild checks
  only the terms whose lines changed (``load/reread.py``).

Nothing here is written to disk; a new process starts empty.
"""

from __future__ import annotations

import contextlib
import gc
import os
import threading
import time
from collections.abc import Callable, Iterable

import jinja2

from ..load.reread import Reader
from ..memo import PIECES

_OUTPUTS: dict[str, frozenset[str]] = {}
_BUILT: set[str] = set()  # the projects this process has built


def first_build(project: str) -> bool:
    """Whether this is the first build of ``project`` (its folder) in this process; later ones are
    rebuilds under ``mkdocs serve``."""
    first = project not in _BUILT
    _BUILT.add(project)
    return first


_READERS: dict[str, Reader] = {}
_SERVING: list[bool] = []
_IDLE_COLLECTION_DELAY = 1.0  # seconds after a rebuild: the browser has reloaded the page by then
_REBUILD_THRESHOLD = 1000  # gen-1 collections between full ones (CPython's default: 10)


def will_serve(serving: bool = True) -> None:
    """This process serves the site and will build it again after edits (``mkdocs serve``): from now
    on it keeps what a rebuild can reuse, the last good read of the glossary and per-term pieces
    (``memo.py``). A one-off build keeps neither: they would only add memory (about 300 MB at 10,000
    terms). ``serving=False`` forgets both (for tests)."""
    PIECES.remember = serving
    if not serving:
        _READERS.clear()
        PIECES.clear()


def reader(project: str) -> Reader | None:
    """The glossary reader of ``project`` (its folder) in a serving process, else None. Only the last
    project's is kept (a serving process builds one project, a test process many)."""
    if not PIECES.remember:
        return None
    if project not in _READERS:
        _READERS.clear()
    return _READERS.setdefault(project, Reader())


def serve() -> None:
    """The first build is served: the cyclic collector stops making full collections during rebuilds,
    each a scan of the whole heap (about 2 s per rebuild at 10,000 terms); ``after_build`` makes one
    when the rebuild is over instead."""
    if not _SERVING:
        _SERVING.append(True)
        young, middle, _ = gc.get_threshold()
        gc.set_threshold(young, middle, _REBUILD_THRESHOLD)


def build_starts() -> None:
    """A build starts with the glossary loaded: what lives now (the model, and while serving what
    earlier builds keep) is moved out of the cyclic collector's sight (``gc.freeze``), so the
    collections during the build do not rescan it (12 s of them at 10,000 terms otherwise). A sweep
    waiting for the preview to fall quiet waits for the next quiet spell."""
    while _WAITING_SWEEPS:
        _WAITING_SWEEPS.pop().cancel()
    gc.freeze()


def after_build() -> None:
    """A build is over (or failed). A one-off build gives its objects back to the collector. While
    serving, what the build made and no longer needs is collected once the browser has the page, and
    what lives on is frozen (``_collect_after_build``)."""
    if not _SERVING:
        gc.unfreeze()
        return
    timer = threading.Timer(_IDLE_COLLECTION_DELAY, _collect_after_build)
    timer.daemon = True
    timer.start()


_SWEEP_EVERY = 10
"""Rebuilds after which a collection of the whole heap is due: it waits for ``_SWEEP_QUIET`` seconds
without a build."""
_SWEEP_QUIET = 15.0
_SWEEP_ANYWAY = 100
"""Rebuilds after which the sweep does not wait any longer (a preview that never falls quiet)."""
_SINCE_SWEEP = [0]
_WAITING_SWEEPS: list[threading.Timer] = []


def _collect_after_build() -> None:
    """Collect the objects made since the last freeze, then freeze what is left: a collection scans only
    what is not frozen, so this one costs in proportion to what one rebuild made (the hook breaks the
    cycles among the last build's pages and files, so reference counting frees most of that), not to
    the whole heap (about 2.5 s at 10,000 terms).

    What a rebuild leaves in cycles among frozen objects (about 900 objects at 10,000 terms) is freed by
    a collection of the whole heap (2–3.5 s at 10,000 terms), once ``_SWEEP_EVERY`` rebuilds have
    left some, when the preview has been quiet for ``_SWEEP_QUIET`` seconds: an editor's next save
    would otherwise wait for it."""
    _SINCE_SWEEP[0] += 1
    if _SINCE_SWEEP[0] >= _SWEEP_ANYWAY:
        _sweep()
        return
    gc.collect()
    gc.freeze()
    if _SINCE_SWEEP[0] >= _SWEEP_EVERY and not _WAITING_SWEEPS:
        timer = threading.Timer(_SWEEP_QUIET, _sweep)
        timer.daemon = True
        _WAITING_SWEEPS.append(timer)
        timer.start()


def _sweep() -> None:
    """Collect the whole heap, then freeze what lives."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()
    _SINCE_SWEEP[0] = 0


QUICK_POLL = 0.05
"""Seconds between two looks at a file ``watch`` follows (MkDocs' own watcher looks every 0.5 s)."""


def _stamp(path: str) -> tuple[int, int, int] | None:
    try:
        status = os.stat(path)
    except OSError:
        return None
    return status.st_mtime_ns, status.st_size, status.st_ino


def watch(path: str, changed: Callable[[], None], stopped: Callable[[], bool]) -> threading.Thread:
    """Call ``changed`` whenever the file at ``path`` is written, replaced, created or removed, until
    ``stopped()``: a daemon thread that looks at its time stamp, size and inode every ``QUICK_POLL``
    seconds (a save on this machine, so no file-system events are needed). A change counts once the
    stamp holds still for one more look: an editor that writes the file in place (no rename) leaves it
    cut short for a moment, and a build of a cut-short glossary fails with thousands of problems."""

    def follow() -> None:
        last = _stamp(path)
        while not stopped():
            time.sleep(QUICK_POLL)
            now = _stamp(path)
            if now == last:
                continue
            while not stopped():
                time.sleep(QUICK_POLL)
                settled, now = now, _stamp(path)
                if settled == now:
                    break
            last = now
            changed()

    thread = threading.Thread(target=follow, name=f"watch {os.path.basename(path)}", daemon=True)
    thread.start()
    return thread


_PAGES: dict[str, str] = {}  # a file in a site folder -> the key of the page (or digest of the file) written there


def wrote(path: str, key: str | None) -> None:
    """Note that the final page ``key`` was written to ``path`` (None: a page the store does not key)."""
    if key is None:
        _PAGES.pop(path, None)
    else:
        _PAGES[path] = key


def holds(path: str, key: str) -> bool:
    """Whether the last page written to ``path`` in this process was the final page ``key``."""
    return _PAGES.get(path) == key


def forget_pages(site_dir: str) -> None:
    """Forget what was written into ``site_dir`` (it was emptied, or a build failed half-way)."""
    prefix = os.path.join(site_dir, "")
    for path in [p for p in _PAGES if p.startswith(prefix)]:
        del _PAGES[path]


def stale_outputs(site_dir: str, written: Iterable[str]) -> list[str]:
    """The files (site-relative paths) the last build into ``site_dir`` in this process wrote and this
    one did not; remembers ``written`` for the next build."""
    folder = os.path.realpath(site_dir)
    now = frozenset(written)
    before = _OUTPUTS.get(folder, frozenset())
    _OUTPUTS[folder] = now
    return sorted(before - now)


def remove_outputs(site_dir: str, names: Iterable[str]) -> int:
    """Delete ``names`` (site-relative) from ``site_dir``, and the folders they leave empty; the count."""
    root = os.path.realpath(site_dir)
    removed = 0
    for name in names:
        path = os.path.realpath(os.path.join(root, name))
        if not path.startswith(root + os.sep):
            continue
        with contextlib.suppress(FileNotFoundError, IsADirectoryError):
            os.unlink(path)
            removed += 1
        parent = os.path.dirname(path)
        while parent != root:
            try:
                os.rmdir(parent)  # only while empty
            except OSError:
                break
            parent = os.path.dirname(parent)
    return removed


class _MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates in memory. Jinja checks each entry against its template's source checksum, so
    an edited template is compiled again."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


THEME_BYTECODE = _MemoryBytecodeCache()
"""For the theme's templates (MkDocs makes a new environment for every build)."""
ENGINE_BYTECODE = _MemoryBytecodeCache()
"""For the engine's own templates (``templates.py``); kept apart, as its environment's options differ."""
