"""Benchmark: build synthetic glossaries of several sizes, with our hook and two baselines; print tables.

    .venv/bin/python bench/run.py [--sizes 100 1000 10000] [--repeat 2] [--json results.json]
    .venv/bin/python bench/run.py --breakdown 1000 [--kind not_in_nav]
    .venv/bin/python bench/run.py --profile 1000 [--kind not_in_nav]

For each size, three builds of the same content, each `mkdocs build` in its own process, one after
another:

- ours: the project's config and hook around a synthetic glossary.yaml (pages generated in memory),
  drawn by two processes where the machine has two cores (``ours_one``: the same build with
  GLOSSARY_JOBS=1, in one process);
- baseline 1: the pages our hook generates, written out as Markdown files, built by plain MkDocs +
  Material (no hook, no mkdocs-macros), the pages our hook keeps out of the nav kept out with
  `not_in_nav`; no loading, validating, generating or sanitizing (see baselines.py);
- baseline 2: as baseline 1, with every term page listed in the nav. It is stopped after
  ``--nav-timeout`` seconds (its time is then a lower bound).

Each row: build time, garbage-collector pauses, peak resident memory (os.wait4's ru_maxrss), site
size, mean and largest term-page HTML, and search-index bytes per term; above each table, load +
validate time of the glossary (best of 3, in this process); after the tables, our time over each
baseline's and how our time grows from one size to the next. The 1-minute load average before each
build is printed too: the figures are only as quiet as the machine.

``--breakdown N`` instead builds N terms in this process with timers around each plugin's and hook's
events, Markdown, templates and writing (real time, no profiler; see timers.py). ``--profile N``
builds N terms in this process under cProfile and prints the time of each stage of the build and the
top functions by cumulative and by own time. ``--kind`` picks the build for either; with ``ours``
the worker process's share of the pages is outside the timers, ``ours_one`` times all of it.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import logging
import os
import pstats
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import asdict, dataclass
from itertools import pairwise
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from stages import print_stages
from synthetic import synthetic_glossary
from timers import Timers, print_timers, time_events, time_page_subclasses, timed_build_parts

from glossary_engine import load_glossary
from glossary_engine.render.share import JOBS_VARIABLE

ROOT = Path(__file__).resolve().parent.parent
BUILD_GC = str(Path(__file__).resolve().parent / "build_gc.py")
BASELINES = str(Path(__file__).resolve().parent / "baselines.py")
BUILDS = {
    "ours": "ours (hook)",
    "ours_one": "ours, one process",
    "not_in_nav": "baseline 1: pages, not in nav",
    "in_nav": "baseline 2: pages, all in nav",
}


@dataclass
class Build:
    """The figures of one build."""

    kind: str
    terms: int
    seconds: float
    timed_out: bool
    peak_mib: float
    gc_s: float | None
    load_before: float
    term_pages_written: int | None = None
    site_mib: float | None = None
    mean_kb: float | None = None
    max_kb: float | None = None
    index_b_per_term: float | None = None


@dataclass
class Size:
    """Every figure for one glossary size."""

    terms: int
    glossary_kb: float
    load_validate_s: float
    load_cached_s: float
    builds: dict[str, Build]
OURS = ("ours", "ours_one")
"""Our build, as it runs (two processes where it can) and in one process: the same project."""


def make_project(folder: Path, glossary: str) -> None:
    """A copy of this project's config and hooks around a synthetic glossary."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (folder / "mkdocs.yml").write_text(
        config.replace("  - Editors' guide: editing.md\n", "")
        .replace("  - Benchmarks: benchmarks.md\n", "")
        .replace("  - Definitions on other sites: embed.md\n", ""),
        encoding="utf-8",
    )
    for name in ("hooks", "overrides"):
        shutil.copytree(ROOT / name, folder / name, ignore=shutil.ignore_patterns("__pycache__"))
    (folder / "docs").mkdir()
    (folder / "glossary.yaml").write_text(glossary, encoding="utf-8")


def make_baseline(folder: Path, project: Path, kind: str, maps: bool) -> None:
    """Write baseline ``kind`` of ``project`` into ``folder`` (in a fresh process: it runs our hook once)."""
    command = [sys.executable, BASELINES, str(folder), str(project), kind, *(["--maps"] if maps else [])]
    subprocess.run(command, check=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


def timed_build(
    folder: Path, timeout: float | None = None, *, one_process: bool = False
) -> tuple[float, int, float | None, bool]:
    """Run `mkdocs build` in its own process (``one_process``: with GLOSSARY_JOBS=1, no worker process).

    Returns seconds, peak resident bytes, seconds of garbage-collector pauses, and whether the build
    was stopped: a build still running after ``timeout`` seconds is killed, and its time is a lower bound.
    """
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **({JOBS_VARIABLE: "1"} if one_process else {})}
    # Every build starts cold, as on a fresh clone: no validated glossary cached by a previous one.
    shutil.rmtree(folder / ".cache", ignore_errors=True)
    report = folder / "gc.json"
    command = [sys.executable, BUILD_GC, str(report), "--quiet"]
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=folder, env=env, start_new_session=True)
    stopped = threading.Event()

    def stop() -> None:
        stopped.set()
        os.killpg(process.pid, signal.SIGKILL)

    timer = threading.Timer(timeout, stop) if timeout else None
    if timer:
        timer.start()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    if timer:
        timer.cancel()
    process.returncode = os.waitstatus_to_exitcode(status)  # already reaped: keep Popen from waiting again
    if status != 0 and not stopped.is_set():
        raise SystemExit(f"build failed in {folder}")
    paused = json.loads(report.read_text(encoding="utf-8"))["seconds"] if report.exists() else None
    return seconds, usage.ru_maxrss * 1024, paused, stopped.is_set()


def load_seconds(path: Path, repeat: int = 3, cache_dir: Path | None = None) -> float:
    """Best of ``repeat`` runs of load + validate (from the cache, warm, when ``cache_dir`` is given)."""
    if cache_dir is not None:
        load_glossary(path, cache_dir=cache_dir)  # fill it
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        load_glossary(path, cache_dir=cache_dir)
        best = min(best, time.perf_counter() - start)
    return best


def measure_build(folder: Path, kind: str, terms: int, timeout: float | None) -> Build:
    """Build the project in ``folder`` once, measure the site it makes, and delete the site."""
    load_before = os.getloadavg()[0]
    seconds, peak, paused, timed_out = timed_build(folder, timeout, one_process=kind == "ours_one")
    build = Build(kind, terms, seconds, timed_out, peak / 2**20, paused, load_before)
    site = folder / "site"
    pages = [p.stat().st_size for p in (site / "terms").glob("*/index.html")]
    if timed_out:
        build.term_pages_written = len(pages)
    else:
        build.site_mib = sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 2**20
        build.mean_kb = sum(pages) / len(pages) / 1000
        build.max_kb = max(pages) / 1000
        index = [p for p in (site / "search").rglob("*.json") if p.is_file()]
        build.index_b_per_term = sum(p.stat().st_size for p in index) / terms
    shutil.rmtree(site, ignore_errors=True)
    print(f"  {BUILDS[kind]}: {seconds:.1f} s", file=sys.stderr, flush=True)
    return build


def measure(terms: int, kinds: list[str], nav_timeout: float | None, maps: bool, repeat: int) -> Size:
    """Every build of one glossary size; with ``repeat``, the builds take turns and each keeps its fastest.

    Taking turns spreads a busy spell on the machine over all builds instead of one; a build stopped
    at ``nav_timeout`` is not run again.
    """
    glossary = synthetic_glossary(terms)
    with tempfile.TemporaryDirectory(prefix=f"glossary-bench-{terms}-") as tmp:
        ours = Path(tmp) / "ours"
        ours.mkdir()
        make_project(ours, glossary)
        cold = load_seconds(ours / "glossary.yaml")
        with tempfile.TemporaryDirectory() as cache:
            warm = load_seconds(ours / "glossary.yaml", cache_dir=Path(cache))
        size = Size(terms, len(glossary.encode()) / 1000, cold, warm, {})
        folders = {kind: ours if kind in OURS else Path(tmp) / kind for kind in kinds}
        for kind, folder in folders.items():
            if kind not in OURS:
                folder.mkdir()
                make_baseline(folder, ours, kind, maps)
        for _ in range(repeat):
            for kind, folder in folders.items():
                best = size.builds.get(kind)
                if best is not None and best.timed_out:
                    continue
                build = measure_build(folder, kind, terms, nav_timeout if kind == "in_nav" else None)
                if best is None or build.seconds < best.seconds:
                    size.builds[kind] = build
    print_header(size)
    for build in size.builds.values():
        print_build(build)
    return size


def _figure(value: float | None, form: str) -> str:
    return "n/a" if value is None else format(value, form)


def print_header(size: Size) -> None:
    """The heading of one size's table."""
    print(
        f"\n{size.terms} terms (glossary.yaml {size.glossary_kb:,.0f} kB; load + validate {size.load_validate_s:.3f} s,"
        f" {size.load_cached_s:.3f} s from the cache)"
    )
    print(
        f"{'build':<31} {'time s':>8} {'GC s':>6} {'peak MiB':>9} {'site MiB':>9} {'mean KB':>8} {'max KB':>8}"
        f" {'index B/term':>13} {'load avg':>9}"
    )


def print_build(build: Build) -> None:
    """One row of a size's table."""
    seconds = (">" if build.timed_out else "") + f"{build.seconds:.1f}"
    print(
        f"{BUILDS[build.kind]:<31} {seconds:>8} {_figure(build.gc_s, '.1f'):>6} {build.peak_mib:>9.0f}"
        f" {_figure(build.site_mib, '.1f'):>9} {_figure(build.mean_kb, '.1f'):>8} {_figure(build.max_kb, '.1f'):>8}"
        f" {_figure(build.index_b_per_term, '.0f'):>13} {build.load_before:>9.2f}",
        flush=True,
    )
    if build.term_pages_written is not None:
        print(f"{'':<31} stopped after {build.seconds:.0f} s with {build.term_pages_written} term pages written")


def ratio(ours: Build, other: Build) -> str:
    """Our time over another build's; a build stopped at its time limit makes the ratio an upper bound."""
    return ("<" if other.timed_out else "") + f"{ours.seconds / other.seconds:.2f}"


def print_summary(sizes: list[Size]) -> None:
    """Our time over each baseline's, per size, and how our time grows with size."""
    print("\nour time / baseline time")
    for size in sizes:
        ours = size.builds.get("ours")
        if ours is None:
            continue
        parts = [f"{BUILDS[k].split(':')[0]}: {ratio(ours, b)}" for k, b in size.builds.items() if k != "ours"]
        print(f"{size.terms:>7} terms  " + "   ".join(parts))
    timed = [s for s in sizes if "ours" in s.builds]
    for small, large in pairwise(timed):
        growth = large.builds["ours"].seconds / small.builds["ours"].seconds
        print(f"t({large.terms})/t({small.terms}) = {growth:.2f} (terms ×{large.terms / small.terms:g})")


@contextmanager
def quiet_logs() -> Iterator[None]:
    """MkDocs logs at INFO through its own handler; a profile wants only the figures."""
    logger = logging.getLogger("mkdocs")
    level = logger.level
    logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        logger.setLevel(level)


@contextmanager
def project_folder(terms: int, kind: str, maps: bool) -> Iterator[Path]:
    """A temporary project of ``kind`` (ours or a baseline) with a synthetic glossary of ``terms`` terms."""
    with tempfile.TemporaryDirectory(prefix=f"glossary-bench-{terms}-") as tmp:
        ours = Path(tmp) / "ours"
        ours.mkdir()
        make_project(ours, synthetic_glossary(terms))
        folder = ours
        if kind not in OURS:
            folder = Path(tmp) / kind
            folder.mkdir()
            make_baseline(folder, ours, kind, maps)
        yield folder


def build_in_process(folder: Path, profiler: cProfile.Profile | None = None, timers: Timers | None = None) -> float:
    """Build the project in ``folder`` as `mkdocs build` does, in this process; return the wall-clock seconds."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    with quiet_logs(), timed_build_parts(timers) if timers else nullcontext():
        start = time.perf_counter()
        if profiler:
            profiler.enable()
        config = load_config(str(folder / "mkdocs.yml"))
        if timers:
            timers.seconds["load_config (imports plugins and hooks)"] += time.perf_counter() - start
            timers.calls["load_config (imports plugins and hooks)"] += 1
            time_events(config, timers)
            time_page_subclasses(timers)
        config.plugins.on_startup(command="build", dirty=False)
        build(config)
        config.plugins.on_shutdown()
        if profiler:
            profiler.disable()
        return time.perf_counter() - start


def profile(terms: int, kind: str, maps: bool, top: int, save: Path | None) -> None:
    """Build ``terms`` terms in this process under cProfile and print where the time goes.

    ``kind`` is ``ours`` or a baseline, so the stages of two builds of the same content can be compared.
    """
    profiler = cProfile.Profile()
    with project_folder(terms, kind, maps) as folder:
        wall = build_in_process(folder, profiler=profiler)
    stats = pstats.Stats(profiler)
    if save:
        stats.dump_stats(save)
    total = max(stats.total_tt, 1e-9)  # type: ignore[attr-defined]
    print(f"{BUILDS[kind]}, {terms} terms, built in-process under cProfile: {wall:.1f} s wall, {total:.1f} s profiled")
    print("(cProfile slows pure-Python code several times more than C code such as nh3 or libyaml)\n")
    print_stages(stats, total)
    for key, title in (("cumulative", "cumulative"), ("tottime", "own (total) time")):
        print(f"\nTop {top} functions by {title}")
        stats.sort_stats(key).print_stats(top)


def breakdown(terms: int, kind: str, maps: bool) -> None:
    """Build ``terms`` terms in this process with timers (no profiler) and print the real time of each part."""
    timers = Timers()
    with project_folder(terms, kind, maps) as folder:
        wall = build_in_process(folder, timers=timers)
    print(f"{BUILDS[kind]}, {terms} terms, built in-process: {wall:.1f} s; load average {os.getloadavg()[0]:.2f}\n")
    print_timers(timers, wall)


def revision() -> str:
    """The commit measured, marked when the work tree has changes outside bench/."""

    def git(*args: str) -> str:
        result = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=False)
        return result.stdout.strip()

    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    changed = git("status", "--porcelain", "--untracked-files=no", "--", ".", ":!bench")
    return commit + (" + local changes" if changed else "")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000], metavar="TERMS")
    parser.add_argument(
        "--builds", nargs="+", choices=list(BUILDS), default=list(BUILDS), help="which builds to run (default: all)"
    )
    parser.add_argument(
        "--nav-timeout",
        type=float,
        default=1200,
        metavar="SECONDS",
        help="stop baseline 2 after this long and report its time as a lower bound (default 1200; 0: never)",
    )
    parser.add_argument(
        "--baseline-maps",
        action="store_true",
        help="write the concept maps into the baselines' Markdown as inline SVG (default: baselines have no maps)",
    )
    parser.add_argument(
        "--repeat", type=int, default=1, help="build each project this many times and keep the fastest (default 1)"
    )
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write every figure to FILE")
    parser.add_argument("--profile", type=int, metavar="TERMS", help="profile a build of TERMS terms instead")
    parser.add_argument(
        "--breakdown", type=int, metavar="TERMS", help="time the parts of a build of TERMS terms (no profiler) instead"
    )
    parser.add_argument(
        "--kind", choices=list(BUILDS), default="ours", help="which build --profile or --breakdown runs (default: ours)"
    )
    parser.add_argument("--top", type=int, default=25, help="functions to list in a profile (default 25)")
    parser.add_argument("--profile-out", type=Path, metavar="FILE", help="save the raw profile for pstats/snakeviz")
    args = parser.parse_args()
    if args.kind == "ours_one":
        os.environ[JOBS_VARIABLE] = "1"
    if args.profile:
        profile(args.profile, args.kind, args.baseline_maps, args.top, args.profile_out)
        return
    if args.breakdown:
        breakdown(args.breakdown, args.kind, args.baseline_maps)
        return
    print(
        f"commit {revision()}; Python {sys.version.split()[0]}; {os.cpu_count()} CPUs;"
        f" load average {os.getloadavg()[0]:.2f}; {time.strftime('%Y-%m-%d %H:%M')}"
    )
    sizes = [
        measure(terms, args.builds, args.nav_timeout or None, args.baseline_maps, args.repeat) for terms in args.sizes
    ]
    print_summary(sizes)
    if args.json:
        args.json.write_text(json.dumps([asdict(s) for s in sizes], indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
