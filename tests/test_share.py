"""A one-off build shares its pages with a forked worker process (render/share.py, the hook's
_share_pages): the site must be byte for byte the one a single process builds, whatever the worker
does, and a strict build must still fail on what the worker's pages warn about."""

from __future__ import annotations

import logging
import os
import re
import shutil
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import mkdocs.commands.build as mkdocs_build
import pytest
from mkdocs.exceptions import Abort

from conftest import DEFAULT_NAV, build_project, make_project, project_config
from glossary_engine.render import session, share
from test_incremental import _differences, _write, medium_glossary


@pytest.fixture(autouse=True)
def one_thread() -> None:
    """A build forks only from a process with no other thread: end what earlier tests left (the
    collections a serving process schedules after each build)."""
    session.will_serve(False)
    for thread in threading.enumerate():
        if isinstance(thread, threading.Timer):
            thread.cancel()
        if thread is not threading.current_thread():
            thread.join(timeout=10)
    assert threading.active_count() == 1, [thread.name for thread in threading.enumerate()]


SHARED = re.compile(r"(\d+) of (\d+) pages drawn by a second process")
TERMS = 90  # past the hook's SHARE_AT generated pages


def _build(
    root: Path,
    jobs: int,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
    docs: dict[str, str] | None = None,
    nav: list[object] = DEFAULT_NAV,
) -> tuple[Path, list[str]]:
    """A cold build of the 90-term glossary with ``jobs`` processes: the site folder and what it logged."""
    shutil.rmtree(root, ignore_errors=True)
    make_project(root, docs=docs)
    _write(root, medium_glossary(seed=3, count=TERMS, clusters=4))
    monkeypatch.setenv(share.JOBS_VARIABLE, str(jobs))
    caplog.clear()
    with caplog.at_level(logging.INFO):
        site = build_project(root, nav).site_dir
    return site, [record.getMessage() for record in caplog.records]


def _shared(messages: list[str]) -> tuple[int, int] | None:
    found = [SHARED.search(m) for m in messages]
    matches = [m for m in found if m is not None]
    return (int(matches[0][1]), int(matches[0][2])) if matches else None


@pytest.fixture
def serial_site(tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch) -> Path:
    site, messages = _build(tmp_path / "serial", 1, caplog, monkeypatch)
    assert _shared(messages) is None
    return site


@pytest.mark.usefixtures("fixed_dates")
def test_two_processes_build_the_site_one_builds(
    tmp_path: Path, serial_site: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    site, messages = _build(tmp_path / "shared", 2, caplog, monkeypatch)
    shared = _shared(messages)
    assert shared is not None and 0 < shared[0] < shared[1], messages
    assert _differences(site, serial_site) == []
    assert not any("Page skipped" in m for m in messages)  # the worker's pages are not "skipped"


@pytest.mark.usefixtures("fixed_dates")
def test_the_next_build_reuses_every_page_the_worker_drew(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The worker's page-store entries are the build's: the next build renders nothing again."""
    site, messages = _build(tmp_path / "shared", 2, caplog, monkeypatch)
    assert _shared(messages) is not None
    first = {p: p.read_bytes() for p in site.rglob("*.html")}
    caplog.clear()
    with caplog.at_level(logging.INFO):
        build_project(tmp_path / "shared")
    assert _shared(caplog.messages) is not None  # the stored pages are shared too
    summary = [m for m in caplog.messages if "term pages: " in m]
    assert summary and f"term pages: 0 rendered, {TERMS} reused;" in summary[0], summary
    assert "final pages: 1 drawn by the theme" in summary[0]  # the concept map, drawn from the whole glossary
    assert {p: p.read_bytes() for p in site.rglob("*.html")} == first


def _in_worker_only(monkeypatch: pytest.MonkeyPatch, act: Callable[[int, Any], None]) -> None:
    """Make MkDocs' page drawing call ``act(pages drawn so far, page)`` first, in the worker process only."""
    parent = os.getpid()
    draw = mkdocs_build._build_page
    drawn = [0]

    def patched(page: Any, *args: Any, **kwargs: Any) -> None:
        if os.getpid() != parent:
            act(drawn[0], page)
            drawn[0] += 1
        draw(page, *args, **kwargs)

    monkeypatch.setattr(mkdocs_build, "_build_page", patched)


def _fail_third(done: int, page: Any) -> None:
    if done == 2:
        raise RuntimeError("the worker fails here")


def _die_third(done: int, page: Any) -> None:
    if done == 2:
        os._exit(3)  # as if the system killed it


@pytest.mark.usefixtures("fixed_dates")
@pytest.mark.parametrize("act", [_fail_third, _die_third])
def test_a_failing_worker_costs_only_time(
    tmp_path: Path,
    serial_site: Path,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
    act: Callable[[int, Any], None],
) -> None:
    _in_worker_only(monkeypatch, act)
    site, messages = _build(tmp_path / "shared", 2, caplog, monkeypatch)
    assert any("the second process stopped; this one draws the" in m for m in messages), messages
    shared = _shared(messages)
    assert shared is not None and shared[0] == (2 if act is _fail_third else 0)
    assert _differences(site, serial_site) == []


@pytest.mark.usefixtures("fixed_dates")
def test_a_warning_in_the_worker_stops_a_strict_build(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    def warn(done: int, page: Any) -> None:
        if done == 1:
            logging.getLogger("mkdocs.plugins.test").warning(f"a warning while drawing {page.file.src_uri}")

    _in_worker_only(monkeypatch, warn)
    with pytest.raises(Abort, match="Aborted with 1 warnings in strict mode"):
        _build(tmp_path / "shared", 2, caplog, monkeypatch)
    assert any("a warning while drawing " in m for m in caplog.messages)


def test_links_to_missing_anchors_on_the_workers_pages_are_found(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    """MkDocs checks a hand-written page's links to anchors once every page is drawn: the anchors of the
    worker's pages must be known here by then (a missing one warns), and a link to one it has must not warn."""
    links = "\n".join(
        f"- [{i}](terms/term-{i:02d}.md#no-such-part) [{i}](terms/term-{i:02d}.md#related-terms)" for i in range(TERMS)
    )
    docs = {"links.md": f"# Links\n\n{links}\n"}
    nav = [*DEFAULT_NAV, {"Links": "links.md"}]
    with pytest.raises(Abort, match=f"Aborted with {TERMS} warnings in strict mode"):
        _build(tmp_path / "shared", 2, caplog, monkeypatch, docs, nav)
    assert _shared(caplog.messages) is not None
    missing = {m for m in caplog.messages if "#no-such-part" in m}
    assert len(missing) == TERMS
    assert not any("#related-terms'" in m for m in caplog.messages)


def test_a_build_with_another_plugin_is_drawn_by_one_process(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another plugin may keep what it sees of each page: the worker's pages would not reach it here."""
    root = tmp_path / "plugin"
    make_project(root, plugins=("tags",))
    _write(root, medium_glossary(seed=3, count=TERMS, clusters=4))
    monkeypatch.setenv(share.JOBS_VARIABLE, "2")
    with caplog.at_level(logging.INFO):
        build_project(root)
    assert _shared(caplog.messages) is None
    assert (root / "site" / "terms" / "term-89" / "index.html").is_file()


@pytest.mark.parametrize("jobs", [1, 2])
def test_progress_counts_each_page_rendered_once(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    """"N pages rendered" never counts past the pages the build has (a page first read as pending and
    then made counted twice)."""
    make_project(tmp_path)
    _write(tmp_path, medium_glossary(seed=3, count=TERMS, clusters=4))
    config = project_config(tmp_path)
    monkeypatch.setattr(config.plugins["hooks/glossary.py"], "PROGRESS_EVERY", 10)
    monkeypatch.setenv(share.JOBS_VARIABLE, str(jobs))
    with caplog.at_level(logging.INFO):
        mkdocs_build.build(config)
    pages = len(list((tmp_path / "site").rglob("index.html")))
    counts = [int(m[1]) for m in (re.search(r" (\d+) pages rendered$", r.getMessage()) for r in caplog.records) if m]
    assert counts == sorted(set(counts)) and all(count % 10 == 0 for count in counts)
    assert pages - 20 < counts[-1] <= pages  # the two processes' pages together
    if jobs == 1:
        assert counts == list(range(10, counts[-1] + 1, 10))
