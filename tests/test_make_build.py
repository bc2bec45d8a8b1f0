"""``make build`` swaps the new site in only when the build succeeds: a failed build loses nothing."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SMALL
from glossary_engine.cli.publish import publish

VENV = Path(sys.executable).parent.parent


def make_build(root: Path) -> subprocess.CompletedProcess[str]:
    stamp = root / "stamp"
    stamp.touch()  # newer than the copied requirements: make reuses this test run's .venv
    return subprocess.run(
        ["make", "build", f"VENV={VENV}", f"STAMP={stamp}"], cwd=root, capture_output=True, text=True, check=False
    )


def test_failed_make_build_keeps_the_last_good_site(tmp_path: Path) -> None:
    for name in ("Makefile", "mkdocs.yml", "requirements.lock", "pyproject.toml"):
        shutil.copy(ROOT / name, tmp_path / name)
    for name in ("hooks", "overrides"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    (tmp_path / "docs").mkdir()
    config = (tmp_path / "mkdocs.yml").read_text(encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        config.replace("  - Editors' guide: editing.md\n", "")
        .replace("  - Benchmarks: benchmarks.md\n", "")
        .replace("  - Definitions on other sites: embed.md\n", ""),
        encoding="utf-8",
    )
    (tmp_path / "glossary.yaml").write_text(SMALL, encoding="utf-8")

    first = make_build(tmp_path)
    assert first.returncode == 0, first.stdout + first.stderr
    page = tmp_path / "site" / "terms" / "parameter" / "index.html"
    before = page.read_bytes()

    (tmp_path / "glossary.yaml").write_text(SMALL.replace("generality: 928", "generality: 9999"), encoding="utf-8")
    second = make_build(tmp_path)
    assert second.returncode != 0
    assert "glossary.yaml:62:17: term 'parameter': generality: expected a whole number from 0 to 1000" in second.stderr
    assert page.read_bytes() == before
    assert [p.name for p in (tmp_path / ".sites").iterdir()] == [(tmp_path / "site").resolve().name]


def test_publishing_flips_the_site_in_one_rename(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    legacy = tmp_path / "site"
    legacy.mkdir()
    (legacy / "index.html").write_text("old", encoding="utf-8")
    first = tmp_path / ".site-new"
    first.mkdir()
    (first / "index.html").write_text("first", encoding="utf-8")
    publish(first, legacy)
    assert (tmp_path / "site").is_symlink()
    assert (tmp_path / "site" / "index.html").read_text(encoding="utf-8") == "first"

    second = tmp_path / ".site-new"
    second.mkdir()
    (second / "index.html").write_text("second", encoding="utf-8")
    seen: list[str] = []
    real_replace = os.replace

    def killed_around_the_flip(source: str, target: str) -> None:
        seen.append((tmp_path / "site" / "index.html").read_text(encoding="utf-8"))
        real_replace(source, target)
        seen.append((tmp_path / "site" / "index.html").read_text(encoding="utf-8"))
        raise KeyboardInterrupt  # the process dies right after the flip, before cleaning up

    monkeypatch.setattr(os, "replace", killed_around_the_flip)
    with pytest.raises(KeyboardInterrupt):
        publish(second, tmp_path / "site")
    assert seen == ["first", "second"]  # at every moment there is a whole site
    assert (tmp_path / "site" / "index.html").read_text(encoding="utf-8") == "second"
