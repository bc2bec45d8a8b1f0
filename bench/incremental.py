"""Benchmark: what a build costs when little or nothing changed, with the page store.

    .venv/bin/python bench/incremental.py [--sizes 1000 10000] [--real]

For each synthetic size (clusters and paths grow with it, see synthetic.py), in a fresh project, each
`mkdocs build` in its own process: a cold build (no cache at all), a rebuild of the unchanged
glossary, and a rebuild after one term's definition changed. With ``--real``, the same for this
project's own glossary. Prints seconds, peak resident memory and the mean and largest term page.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from project import copy_project
from run import make_project
from synthetic import synthetic_glossary

MKDOCS = str(Path(sys.executable).parent / "mkdocs")


def build(folder: Path) -> tuple[float, float]:
    """One `mkdocs build` in ``folder`` into a new site folder, as `make build` does (the folders are
    removed after the last build: deleting a large tree just before a build slows its writes): seconds
    and peak resident MiB."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}
    site = Path(tempfile.mkdtemp(prefix="site-", dir=folder))
    start = time.perf_counter()
    process = subprocess.Popen([MKDOCS, "build", "--quiet", "--site-dir", str(site)], cwd=folder, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if status != 0:
        raise SystemExit(f"build failed in {folder}")
    return time.perf_counter() - start, usage.ru_maxrss / 1024


def pages_kb(folder: Path) -> tuple[float, float]:
    """Mean and largest term page, in kB."""
    site = max(folder.glob("site-*"), key=lambda p: p.stat().st_mtime)
    sizes = [p.stat().st_size for p in (site / "terms").glob("*/index.html")]
    return sum(sizes) / len(sizes) / 1000, max(sizes) / 1000


def edit_one_definition(glossary: Path, n: int) -> None:
    """Change one term's one-line definition (``short:``): the middle one in the file, so not the hub,
    whose definition every term page shows."""
    text = glossary.read_text(encoding="utf-8")
    shorts = list(re.finditer(r'\n    short: [^>|"\n][^\n]*?\.?(?=\n)', text))
    middle = shorts[len(shorts) // 2]
    edited = text[: middle.start()] + middle.group().removesuffix(".") + f" (edit {n})." + text[middle.end() :]
    glossary.write_text(edited, encoding="utf-8")


def measure(label: str, folder: Path) -> None:
    """Cold build, unchanged rebuild, and two one-definition edits of the project in ``folder``."""
    shutil.rmtree(folder / ".cache", ignore_errors=True)
    cold, cold_peak = build(folder)
    mean, largest = pages_kb(folder)
    unchanged, unchanged_peak = build(folder)
    edits = []
    for n in (1, 2):
        edit_one_definition(folder / "glossary.yaml", n)
        edits.append(build(folder))
    edit = min(seconds for seconds, _ in edits)
    peak = max(cold_peak, unchanged_peak, *(p for _, p in edits))
    print(
        f"{label:<22} {cold:>8.1f} {unchanged:>11.1f} {edit:>10.1f} {peak:>9.0f} {mean:>8.1f} {largest:>7.1f}"
        f" {os.getloadavg()[0]:>9.2f}",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000], metavar="TERMS")
    parser.add_argument("--real", action="store_true", help="also this project's own glossary")
    args = parser.parse_args()
    print(f"{os.cpu_count()} CPUs; load average {os.getloadavg()[0]:.2f}; {time.strftime('%Y-%m-%d %H:%M')}")
    columns = f"{'cold s':>8} {'unchanged s':>11} {'1 edit s':>10} {'peak MiB':>9} {'mean KB':>8} {'max KB':>7}"
    print(f"{'glossary':<22} {columns} {'load avg':>9}")
    with tempfile.TemporaryDirectory(prefix="glossary-incremental-") as tmp:
        if args.real:
            real = Path(tmp) / "real"
            real.mkdir()
            copy_project(real)
            measure("real glossary", real)
        for terms in args.sizes:
            folder = Path(tmp) / str(terms)
            folder.mkdir()
            make_project(folder, synthetic_glossary(terms))
            measure(f"{terms} terms", folder)


if __name__ == "__main__":
    main()
