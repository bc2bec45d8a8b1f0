"""Live preview: ``mkdocs serve`` rebuilds on a glossary.yaml edit and keeps the last good site on a bad one."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from conftest import SMALL, make_project
from glossary_engine.render import session

MKDOCS = str(Path(sys.executable).parent / "mkdocs")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


def wait_for(condition: Callable[[], bool], seconds: float = 30) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, str, Path]]:
    """A small project served by ``mkdocs serve`` on a free loopback port: (root, base URL, log file)."""
    root = make_project(tmp_path)
    # Narrow the nav to the generated pages the small glossary has.
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        config.replace("  - Editors' guide: editing.md\n", "")
        .replace("  - Benchmarks: benchmarks.md\n", "")
        .replace("  - Definitions on other sites: embed.md\n", ""),
        encoding="utf-8",
    )
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            [MKDOCS, "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=root,
            stdout=out,
            stderr=subprocess.STDOUT,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
        try:
            base = f"http://127.0.0.1:{port}/"
            assert wait_for(lambda: "Parameter" in fetch(base + "terms/parameter/")), log.read_text()
            yield root, base, log
        finally:
            process.terminate()
            process.wait(timeout=10)


def test_serve_rebuilds_when_glossary_changes(served: tuple[Path, str, Path]) -> None:
    root, base, log = served
    changed = SMALL.replace("A number inside a model that is learned", "A value inside a model that is learned")
    (root / "glossary.yaml").write_text(changed, encoding="utf-8")
    assert wait_for(lambda: "A value inside a model that is learned" in fetch(base + "terms/parameter/"))
    # A serving process reads only the changed term again, and does so edit after edit.
    assert "(1 changed term read again)" in log.read_text()
    again = changed.replace("A value inside a model", "A number in a model")
    (root / "glossary.yaml").write_text(again, encoding="utf-8")
    assert wait_for(lambda: "A number in a model that is learned" in fetch(base + "terms/parameter/"))
    assert log.read_text().count("(1 changed term read again)") == 2
    assert "Watching 'glossary.yaml' for changes every 0.05 s" in log.read_text()  # MkDocs' list lacks it
    # One rebuild per save: the glossary's quick watch is its only watcher (MkDocs' own would rebuild
    # again half a second later).
    time.sleep(1.5)
    assert log.read_text().count("Building documentation") == 3, log.read_text()


def test_the_glossary_watch_sees_every_kind_of_save(tmp_path: Path) -> None:
    path = tmp_path / "glossary.yaml"
    path.write_text("a: 1\n", encoding="utf-8")
    calls: list[float] = []
    stop: list[bool] = []
    thread = session.watch(str(path), lambda: calls.append(time.monotonic()), lambda: bool(stop))
    try:
        time.sleep(0.3)
        assert calls == []  # nothing changed
        def replace() -> None:  # an editor's atomic save: a new file renamed over the old one
            (tmp_path / "new.yaml").write_text("a: 33\n", encoding="utf-8")
            os.replace(tmp_path / "new.yaml", path)

        saves: list[Callable[[], object]] = [
            lambda: path.write_text("a: 2\n", encoding="utf-8"),  # in place, the same size
            replace,
            path.unlink,
            lambda: path.write_text("a: 4\n", encoding="utf-8"),
        ]
        for count, save in enumerate(saves, start=1):
            saved = time.monotonic()
            save()
            assert wait_for(lambda: len(calls) >= count, seconds=2), f"save {count} unseen"  # noqa: B023
            assert calls[-1] - saved < 0.5
        time.sleep(0.3)
        assert len(calls) == len(saves)
    finally:
        stop.append(True)
        thread.join(timeout=2)
    assert not thread.is_alive()


def test_the_glossary_watch_waits_for_a_save_written_in_pieces(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A large file written in place is seen only once it is whole (never cut short, as a build would
    read it while the editor is still writing)."""
    monkeypatch.setattr(session, "QUICK_POLL", 0.1)
    path = tmp_path / "glossary.yaml"
    path.write_text("old\n", encoding="utf-8")
    whole = "".join(f"line {i}\n" for i in range(40))
    seen: list[str] = []
    stop: list[bool] = []
    thread = session.watch(str(path), lambda: seen.append(path.read_text(encoding="utf-8")), lambda: bool(stop))
    try:
        time.sleep(0.25)
        with path.open("w", encoding="utf-8") as stream:  # truncated, then written over 0.4 s
            for i in range(40):
                stream.write(f"line {i}\n")
                stream.flush()
                time.sleep(0.01)
        assert wait_for(lambda: bool(seen), seconds=3)
        time.sleep(0.5)
    finally:
        stop.append(True)
        thread.join(timeout=2)
    assert seen == [whole]


def test_serve_keeps_last_good_site_after_a_bad_edit(served: tuple[Path, str, Path]) -> None:
    root, base, log = served
    (root / "glossary.yaml").write_text(SMALL.replace("generality: 928", "generality: high"), encoding="utf-8")
    message = (
        "glossary.yaml:62:17: term 'parameter': generality: expected a whole number from 0 to 1000, got text 'high'"
    )
    assert wait_for(lambda: message in log.read_text())
    assert "Traceback" not in log.read_text()
    assert "appear stuck" not in log.read_text()
    assert "A number inside a model that is learned" in fetch(base + "terms/parameter/")
