"""Where one build's wall-clock time goes, without a profiler's distortion: a timer around each plugin's
and hook's event handlers, Python-Markdown, the Jinja templates and file writing, and the garbage
collector's pauses.

The timed parts do not nest (macros render no Jinja on generated pages), so they add up; what is left
is MkDocs itself: finding files, the nav, copying the theme's assets.
"""

from __future__ import annotations

import functools
import gc
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import jinja2
import mkdocs.utils
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page


class Timers:
    """Seconds and calls per label."""

    def __init__(self) -> None:
        self.seconds: defaultdict[str, float] = defaultdict(float)
        self.calls: defaultdict[str, int] = defaultdict(int)

    def wrap(self, label: str, function: Callable[..., Any]) -> Callable[..., Any]:
        """``function``, timed under ``label``."""

        @functools.wraps(function)
        def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self.seconds[label] += time.perf_counter() - start
                self.calls[label] += 1

        return timed


def time_events(config: MkDocsConfig, timers: Timers) -> None:
    """Put a timer around every event handler of every plugin and hook of ``config``."""
    plugins = config.plugins
    origins: dict[Callable[..., Any], str] = plugins._event_origins
    for event, handlers in plugins.events.items():
        for i, handler in enumerate(handlers):
            origin = origins.get(handler, "<unknown>")
            timed = timers.wrap(f"{origin}: on_{event}", handler)
            origins[timed] = origin  # MkDocs names the plugin that generated a file from this table
            handlers[i] = timed


def time_page_subclasses(timers: Timers) -> None:
    """Time the pages a plugin or hook renders itself (``Page`` subclasses, such as our generated pages).

    Call after ``load_config``: the hook module, and with it its class, is loaded afresh by each config.
    """
    for cls in Page.__subclasses__():
        for name, label in (("read_source", "engine renders the page"), ("render", "page handed to MkDocs")):
            if name in vars(cls):
                setattr(cls, name, timers.wrap(f"{cls.__name__}.{name} ({label})", vars(cls)[name]))


@contextmanager
def timed_build_parts(timers: Timers) -> Iterator[None]:
    """Time Markdown, templates, file writing and garbage collection while the block runs."""
    patches: list[tuple[Any, str, str]] = [
        (Page, "read_source", "Page.read_source (read, front matter)"),
        (Page, "render", "Page.render (Python-Markdown)"),
        (jinja2.Template, "render", "Template.render (pages, 404, sitemap)"),
        (mkdocs.utils, "write_file", "write_file"),
    ]
    originals = [(owner, name, getattr(owner, name)) for owner, name, _ in patches]
    for owner, name, label in patches:
        setattr(owner, name, timers.wrap(label, getattr(owner, name)))
    started = [0.0]

    def collector(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            started[0] = time.perf_counter()
        else:
            timers.seconds["GC pauses (within the rows above)"] += time.perf_counter() - started[0]
            timers.calls["GC pauses (within the rows above)"] += 1

    gc.callbacks.append(collector)
    try:
        yield
    finally:
        gc.callbacks.remove(collector)
        for owner, name, original in originals:
            setattr(owner, name, original)


def print_timers(timers: Timers, wall: float) -> None:
    """The timed parts, largest first, then what is left of the wall-clock time."""
    print(f"{'part (real time)':<62} {'seconds':>8} {'share':>6} {'calls':>7}")
    rows = sorted(timers.seconds.items(), key=lambda item: -item[1])
    counted = 0.0
    for label, seconds in rows:
        if seconds < 0.005:
            continue
        if not label.startswith("GC"):
            counted += seconds
        print(f"{label:<62} {seconds:>8.2f} {seconds / wall:>6.1%} {timers.calls[label]:>7}")
    rest = wall - counted
    print(f"{'rest: MkDocs itself (files, nav, links, theme assets)':<62} {rest:>8.2f} {rest / wall:>6.1%}")
    print(f"{'wall clock, load_config to end of build':<62} {wall:>8.2f}")
