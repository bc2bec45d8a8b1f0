"""Put a freshly built site in place in one atomic step: ``python -m glossary_engine.cli.publish NEW SITE``.

``SITE`` is a symbolic link to the current build, kept in ``.sites/`` beside it. Publishing moves
``NEW`` there and flips the link with one ``rename``, which the operating system carries out whole:
a reader, a web server or a ``make build`` killed at any moment sees the old site or the new one,
never none. (Two ``mv`` calls in a row leave no site at all when the process dies between them.)
Older builds are removed afterwards.
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from pathlib import Path

BUILDS = ".sites"


def publish(new: Path, site: Path) -> Path:
    """Make ``site`` show the build in ``new``; return the folder the build now lives in."""
    builds = site.parent / BUILDS
    builds.mkdir(exist_ok=True)
    stamp = f"{time.time_ns()}-{os.getpid()}"
    build = builds / stamp
    os.rename(new, build)
    link = site.parent / f".{site.name}.{stamp}.link"
    os.symlink(os.path.join(BUILDS, stamp), link)
    if site.is_dir() and not site.is_symlink():
        # A site/ folder from before builds were published this way: moved aside once (the only
        # moment without a site), then it is an old build like any other.
        os.rename(site, builds / f"{stamp}-folder")
    os.replace(link, site)  # the atomic flip
    for old in builds.iterdir():
        if old != build:
            shutil.rmtree(old, ignore_errors=True)
    return build


def main(argv: list[str] | None = None) -> int:
    """Command-line entry: ``NEW SITE``."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print("usage: python -m glossary_engine.cli.publish NEW_SITE_DIR SITE_LINK", file=sys.stderr)
        return 2
    new, site = Path(args[0]), Path(args[1])
    if not new.is_dir():
        print(f"{new}: no built site to publish", file=sys.stderr)
        return 1
    publish(new, site)
    return 0


if __name__ == "__main__":
    sys.exit(main())
