"""The benchmark's projects still build: a synthetic glossary, and the hand-written baseline made from it.

The benchmarks are scripts, not timed tests; this only keeps them runnable, so a change to the engine
that a benchmark imports fails here rather than in the middle of a long measurement.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

BENCH = ROOT / "bench"
sys.path.insert(0, str(BENCH))

from run import make_baseline, make_project  # noqa: E402
from synthetic import synthetic_glossary  # noqa: E402


def _build(folder: Path) -> subprocess.CompletedProcess[str]:
    command = [str(Path(sys.executable).parent / "mkdocs"), "build", "--strict", "--quiet"]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(command, cwd=folder, env=env, capture_output=True, text=True, check=False)


def test_a_synthetic_project_and_its_hand_written_baseline_build_strictly(tmp_path: Path) -> None:
    ours = tmp_path / "ours"
    ours.mkdir()
    make_project(ours, synthetic_glossary(40))
    baseline = tmp_path / "baseline"
    baseline.mkdir()
    make_baseline(baseline, ours, "not_in_nav", maps=False)
    for folder in (ours, baseline):
        result = _build(folder)
        assert result.returncode == 0, result.stdout + result.stderr
    term = next((ours / "site" / "terms").glob("*/index.html")).parent.name
    assert "<h1" in (baseline / "site" / "terms" / term / "index.html").read_text(encoding="utf-8")


def test_the_in_process_rebuild_benchmark_runs() -> None:
    command = [sys.executable, str(BENCH / "rebuild_steps.py"), "--terms", "40", "--edits", "2", "--pause", "0"]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "edit 2: rebuild" in result.stdout and "median rebuild" in result.stdout
