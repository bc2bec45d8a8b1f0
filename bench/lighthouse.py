"""Lighthouse (mobile) scores of the built site: the median of three runs per page.

Builds the real site (or takes ``--site``), serves it on loopback, gzip-compressed as static hosts
serve text (``--no-gzip`` to turn that off), and runs the Lighthouse pinned in
package.json (``npm ci`` installs it) against Debian's Chromium, as a phone on a slow network with a
4x slower CPU (Lighthouse's default mobile settings). Prints each page's Performance, Accessibility,
Best Practices and SEO scores, Largest Contentful Paint, Total Blocking Time and the number of DOM
elements, each the median of ``--runs`` runs.

    .venv/bin/python bench/lighthouse.py
    .venv/bin/python bench/lighthouse.py --site /tmp/site --pages terms/parameter/ --runs 1
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import tempfile
from pathlib import Path

from project import ROOT
from search import build, served

# Lighthouse is a benchmark tool, not a test dependency: installed on first use into .cache/, pinned
# here, so `npm ci` for the tests stays small.
LIGHTHOUSE_VERSION = "12.8.2"
LIGHTHOUSE_HOME = ROOT / ".cache" / f"lighthouse-{LIGHTHOUSE_VERSION}"
LIGHTHOUSE = LIGHTHOUSE_HOME / "node_modules" / ".bin" / "lighthouse"
CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
PAGES = ["", "terms/parameter/", "clusters/neural-networks/", "concept-map/"]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]


def run(url: str, out: Path) -> dict[str, float]:
    """One Lighthouse run of ``url``: scores out of 100, LCP and TBT in ms, DOM elements."""
    command = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={out}",
        f"--only-categories={','.join(CATEGORIES)}",
        "--chrome-flags=--headless --no-sandbox --disable-gpu",
    ]
    subprocess.run(command, check=True, env={**os.environ, "CHROME_PATH": CHROME})
    report = json.loads(out.read_text(encoding="utf-8"))
    figures = {name: report["categories"][name]["score"] * 100 for name in CATEGORIES}
    audits = report["audits"]
    figures["lcp"] = audits["largest-contentful-paint"]["numericValue"]
    figures["tbt"] = audits["total-blocking-time"]["numericValue"]
    figures["dom"] = audits["dom-size"]["numericValue"]
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, help="a built site to measure instead of building the real one")
    parser.add_argument("--pages", nargs="+", default=PAGES)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-gzip", action="store_true", help="serve files uncompressed (most hosts gzip them)")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        LIGHTHOUSE_HOME.mkdir(parents=True, exist_ok=True)
        install = ["npm", "install", "--no-audit", "--no-fund", "--prefix", str(LIGHTHOUSE_HOME)]
        subprocess.run([*install, f"lighthouse@{LIGHTHOUSE_VERSION}"], check=True)
    with tempfile.TemporaryDirectory(prefix="glossary-lighthouse-") as tmp:
        if args.site is None:
            (Path(tmp) / "project").mkdir()
        site = args.site or build(Path(tmp) / "project", None)
        with served(site, compress=not args.no_gzip) as base:
            print(f"{'page':<28} {'perf':>4} {'a11y':>4} {'bp':>4} {'seo':>4} {'LCP':>7} {'TBT':>6} {'DOM':>5}")
            for page in args.pages:
                runs = [run(base + page, Path(tmp) / f"run{i}.json") for i in range(args.runs)]
                median = {key: statistics.median(r[key] for r in runs) for key in runs[0]}
                print(
                    f"{'/' + page:<28} {median['performance']:>4.0f} {median['accessibility']:>4.0f}"
                    f" {median['best-practices']:>4.0f} {median['seo']:>4.0f}"
                    f" {median['lcp'] / 1000:>5.1f} s {median['tbt']:>3.0f} ms {median['dom']:>5.0f}",
                    flush=True,
                )


if __name__ == "__main__":
    main()
