"""Build time of the real glossary with and without the discovery features.

    .venv/bin/python bench/features.py [--repeat 3]

"Without" switches off, for the length of one build, the automatic first-mention links, the concept
maps (term pages and the whole-glossary map), and the JSON, SKOS, CSV and search-name exports. Each
variant is built ``--repeat`` times in this process; the best time of each is printed.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from mkdocs.commands.build import build
from mkdocs.config import load_config
from project import copy_project

from glossary_engine.export import formats as exports
from glossary_engine.render import finish, pages


@contextmanager
def features_off() -> Iterator[None]:
    saved: dict[tuple[Any, str], Any] = {}
    stubs = {
        (pages, "with_first_mentions_linked"): lambda index, term: term,
        (finish, "add_maps"): lambda index, page, html: html,
        (exports, "to_json"): lambda index, base_url: "",
        (exports, "to_skos"): lambda index, base_url, title=None: "",
        (exports, "to_csv"): lambda index: "",
    }
    for (module, name), stub in stubs.items():
        saved[(module, name)] = getattr(module, name)
        setattr(module, name, stub)
    try:
        yield
    finally:
        for (module, name), original in saved.items():
            setattr(module, name, original)


def timed_build(folder: Path) -> float:
    config = load_config(config_file=str(folder / "mkdocs.yml"), site_dir=str(folder / "site"))
    start = time.perf_counter()
    build(config)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        copy_project(folder)
        with_features = min(timed_build(folder) for _ in range(args.repeat))
        with features_off():
            without = min(timed_build(folder) for _ in range(args.repeat))
    print(
        f"real glossary, best of {args.repeat}: with discovery features {with_features:.2f} s, without {without:.2f} s"
    )
    print(f"the features cost {with_features - without:.2f} s ({(with_features / without - 1) * 100:.0f} %)")


if __name__ == "__main__":
    main()
