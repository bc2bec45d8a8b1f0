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
