"""Live preview: how long after one edit to glossary.yaml does ``mkdocs serve`` show the change?

    .venv/bin/python bench/rebuild.py [--edits 5] [--terms 10000 | --slug SLUG] [--clean]

Serves a copy of this project (or, with ``--terms``, a synthetic glossary of that size, clusters and
paths growing with it) on a free loopback port as ``make serve`` does (``mkdocs serve --dirty``;
``--clean`` empties the site folder before every rebuild, as plain ``mkdocs serve`` does). Each edit
changes one term's definition and times from the write until the served term page shows the new
text. Prints each edit and the median.
"""

from __future__ import annotations

import argparse
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from project import copy_project
from run import make_project
from synthetic import synthetic_glossary

from glossary_engine import load_glossary

MKDOCS = str(Path(sys.executable).parent / "mkdocs")
PAUSE = 3.0
"""Seconds between seeing an edit and saving the next. Under serve a full garbage collection runs a
second after each rebuild (2 s at 10,000 terms); a save made while it runs waits for it."""
REAL_SLUG = "parameter"  # a general term: many pages link it and show its definition when hovered


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def wait_for(url: str, text: str, limit: float = 120) -> float:
    start = time.monotonic()
    while time.monotonic() - start < limit:
        if text in fetch(url):
            return time.monotonic() - start
        time.sleep(0.05)
    raise SystemExit(f"{text!r} did not appear at {url} within {limit} s")


def middle_term(glossary: str) -> tuple[str, str]:
    """The slug and one-line definition of the middle term of a synthetic glossary."""
    shorts = list(re.finditer(r"\n  - slug: (\S+)\n(?:    .*\n)*?    short: ([^\n]+)\n", glossary))
    found = shorts[len(shorts) // 2]
    return found.group(1), found.group(2)


def edit_options(description: str, edits: int) -> argparse.ArgumentParser:
    """The options both live-preview benchmarks take: how many edits, and which glossary and term."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--edits", type=int, default=edits)
    parser.add_argument("--terms", type=int, help="a synthetic glossary of this many terms instead of ours")
    parser.add_argument("--slug", default=REAL_SLUG, help=f"the real glossary's term to edit (default {REAL_SLUG})")
    return parser


def project_to_edit(folder: Path, terms: int | None, slug: str) -> tuple[str, str]:
    """Put a project into ``folder``: ours, or a synthetic glossary of ``terms`` terms. Returns the
    slug of the term to edit (``slug`` in ours, the middle term in a synthetic one) and its definition."""
    if terms:
        text = synthetic_glossary(terms)
        make_project(folder, text)
        return middle_term(text)
    copy_project(folder)
    return slug, next(t.short for t in load_glossary(folder / "glossary.yaml").terms if t.slug == slug)


def main() -> None:
    parser = edit_options(__doc__.splitlines()[0], edits=5)
    parser.add_argument("--clean", action="store_true", help="plain `mkdocs serve`: no --dirty")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        slug, old = project_to_edit(folder, args.terms, args.slug)
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        url = f"http://127.0.0.1:{port}/terms/{slug}/"
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        command = [MKDOCS, "serve", "--dev-addr", f"127.0.0.1:{port}", *([] if args.clean else ["--dirty"])]
        server = subprocess.Popen(command, cwd=folder, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            first = wait_for(url, old.rstrip("."), limit=900)
            how = " ".join(command[1:2] + command[4:])
            print(f"{args.terms or 'real'} terms, editing {slug}, {how}; load average {os.getloadavg()[0]:.2f}")
            print(f"first build served after {first:.1f} s")
            glossary = folder / "glossary.yaml"
            text = glossary.read_text(encoding="utf-8")
            if old not in text:
                raise SystemExit(f"{slug}'s definition is not written on one line of glossary.yaml; choose another")
            times = []
            for edit in range(1, args.edits + 1):
                marker = f"(edit {edit})"
                glossary.write_text(text.replace(old, old.rstrip(".") + f" {marker}.", 1), encoding="utf-8")
                seconds = wait_for(url, marker, limit=900)
                times.append(seconds)
                print(f"edit {edit}: change shown after {seconds:.2f} s", flush=True)
                time.sleep(PAUSE)
            print(f"median {statistics.median(times):.2f} s over {len(times)} edits")
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
