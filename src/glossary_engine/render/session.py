"""What one process remembers from build to build: ``mkdocs serve`` rebuilds in the same process, so a
rebuild can skip what the last one already did.

- ``outputs``: what the last build wrote into each site folder. A build that does not empty the folder
  first (``mkdocs serve --dirty``) removes what it no longer makes, so the folder holds exactly what a
  clean build would write.
- ``THEME_BYTECODE``, ``ENGINE_BYTECODE``: compiled Jinja templates, checked against each template's
  source on every use.

Nothing here is written to disk; a new process starts empty.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable

import jinja2

_OUTPUTS: dict[str, frozenset[str]] = {}


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
