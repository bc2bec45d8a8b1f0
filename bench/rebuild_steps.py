"""Live preview without the server: what a rebuild after one edit costs inside a serving process, and
what the garbage collector does around it.

    .venv/bin/python bench/rebuild_steps.py [--edits 8] [--terms 10000 | --slug SLUG]

``bench/rebuild.py`` times a real ``make serve`` from save to served page; this runs the same builds
in its own process (MkDocs' ``build`` as ``mkdocs serve --dirty`` calls it, after ``on_startup`` with
"serve" and with serve's collector settings), so a figure is the rebuild alone. Each edit changes one
term's definition; the script waits ``rebuild.PAUSE`` seconds between edits, as ``rebuild.py`` does
(``--pause``).
It prints each rebuild's seconds, the page store's bookkeeping, every full collection (inside a
rebuild, or the idle one after it) and the median.
"""

from __future__ import annotations

import gc
import logging
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from rebuild import PAUSE, edit_options, project_to_edit

from glossary_engine.render import session, store

URL = "http://127.0.0.1:8000/"


class FullCollections:
    """Every full (generation 2) collection: how long it took, and whether the build's own thread ran
    it (inside a rebuild) or another (the idle collection ``session.after_build`` starts)."""

    def __init__(self) -> None:
        self.started = 0.0
        self.seen: list[tuple[float, bool]] = []

    def __call__(self, phase: str, info: dict[str, Any]) -> None:
        if info.get("generation") != 2:
            return
        if phase == "start":
            self.started = time.perf_counter()
        else:
            in_build = threading.current_thread() is threading.main_thread()
            self.seen.append((time.perf_counter() - self.started, in_build))

    def listed(self, in_build: bool, since: int = 0) -> str:
        found = [seconds for seconds, inside in self.seen[since:] if inside == in_build]
        return ", ".join(f"{seconds:.2f} s" for seconds in found) or "none"


def main() -> None:
    here = os.getcwd()
    folder = Path(tempfile.mkdtemp(prefix="rebuild-steps-"))
    try:
        steps(folder)
    finally:
        os.chdir(here)
        shutil.rmtree(folder, ignore_errors=True)


def steps(folder: Path) -> None:
    parser = edit_options(__doc__.splitlines()[0], edits=8)
    parser.add_argument("--pause", type=float, default=PAUSE, help=f"seconds between edits (default {PAUSE})")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    slug, old = project_to_edit(folder, args.terms, args.slug)
    os.chdir(folder)  # the hook finds the project from the config file, MkDocs from here
    site = str(folder / "site")

    def config() -> MkDocsConfig:
        loaded = load_config(config_file=str(folder / "mkdocs.yml"), site_dir=site)
        loaded.site_url = URL
        return loaded

    bookkeeping: list[float] = []
    finish = store.PageStore.finish

    def timed_finish(self: store.PageStore) -> None:
        start = time.perf_counter()
        finish(self)
        bookkeeping.append(time.perf_counter() - start)

    store.PageStore.finish = timed_finish  # type: ignore[method-assign]
    first = config()
    first.plugins.on_startup(command="serve", dirty=True)
    start = time.perf_counter()
    build(first, serve_url=URL, dirty=True)
    print(f"{args.terms or 'real'} terms, editing {slug}; load average {os.getloadavg()[0]:.2f}")
    print(f"first build {time.perf_counter() - start:.1f} s")
    session.serve()  # as on_serve does: no full collection inside a rebuild, one a second after it
    collections = FullCollections()
    gc.callbacks.append(collections)
    glossary = folder / "glossary.yaml"
    text = glossary.read_text(encoding="utf-8")
    times = []
    for edit in range(1, args.edits + 1):
        time.sleep(args.pause)
        before = len(collections.seen)
        glossary.write_text(text.replace(old, old.rstrip(".") + f" (edit {edit}).", 1), encoding="utf-8")
        start = time.perf_counter()
        build(config(), serve_url=URL, dirty=True)
        times.append(time.perf_counter() - start)
        page = (Path(site) / "terms" / slug / "index.html").read_text(encoding="utf-8")
        if f"(edit {edit})" not in page:
            raise SystemExit(f"edit {edit} is not on {slug}'s page")
        print(
            f"edit {edit}: rebuild {times[-1]:.2f} s, page store {bookkeeping[-1]:.2f} s,"
            f" full collections inside it: {collections.listed(True, before)}",
            flush=True,
        )
    time.sleep(args.pause)
    print(f"median rebuild {statistics.median(times):.2f} s over {len(times)} edits")
    print(f"idle full collections after the rebuilds: {collections.listed(False)}")


if __name__ == "__main__":
    sys.exit(main())
