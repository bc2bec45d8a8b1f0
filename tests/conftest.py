"""Shared helpers: build real small sites in temporary folders from the project's own mkdocs.yml."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from glossary_engine.render import session

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SMALL = (DATA / "small.yaml").read_text(encoding="utf-8")
SMALL_SLUGS = [
    "artificial-intelligence",
    "neural-network",
    "how-neural-networks-work",
    "parameter",
    "weights-and-biases",
    "hyperparameter",
]
DEFAULT_NAV = [
    {"Home": "index.md"},
    {"Clusters": "clusters/index.md"},
    {"Learning paths": "paths/index.md"},
    {"A–Z index": "terms/index.md"},
    {"Core vocabulary": "core-vocabulary.md"},
    {"Timeline": "timeline.md"},
    {"Concept map": "concept-map.md"},
    {"What's new": "whats-new.md"},
]


class Site:
    """A built site: its folder and helpers to read its pages."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.site_dir = root / "site"

    def html(self, url_path: str) -> str:
        """The HTML served at ``url_path`` (e.g. ``terms/parameter/``)."""
        path = self.site_dir / url_path
        if url_path.endswith("/") or not url_path:
            path = path / "index.html"
        return path.read_text(encoding="utf-8")


def make_project(
    root: Path,
    glossary: str = SMALL,
    docs: dict[str, str] | None = None,
    plugins: tuple[str, ...] = (),
) -> Path:
    """Lay out a project like ours in ``root``: the real mkdocs.yml (with ``plugins`` added to its own)
    and hooks, a glossary, some docs."""
    root.mkdir(parents=True, exist_ok=True)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    added = "".join(f"  - {name}\n" for name in plugins)
    (root / "mkdocs.yml").write_text(config.replace("\nplugins:\n", f"\nplugins:\n{added}", 1), encoding="utf-8")
    for folder in ("hooks", "overrides"):
        shutil.copytree(ROOT / folder, root / folder, ignore=shutil.ignore_patterns("__pycache__"))
    (root / "glossary.yaml").write_text(glossary, encoding="utf-8")
    (root / "docs").mkdir(exist_ok=True)
    for name, text in (docs or {}).items():
        page = root / "docs" / name
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(text, encoding="utf-8")
    return root


def build_project(root: Path, nav: list[object] | None = DEFAULT_NAV, *, dirty: bool = False) -> Site:
    """Build the project in ``root`` with its real config; ``nav`` narrows the nav (None keeps mkdocs.yml's).
    ``dirty`` builds as ``mkdocs serve --dirty`` rebuilds: into the site folder as the last build left it."""
    build(project_config(root, nav), dirty=dirty)
    return Site(root)


def project_config(root: Path, nav: list[object] | None = DEFAULT_NAV, **overrides: Any) -> MkDocsConfig:
    """The config of the project in ``root``, building into ``root/site``; ``nav`` as for ``build_project``."""
    if nav is not None:
        overrides["nav"] = nav
    return load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(root / "site"), **overrides)


BuildSite = Callable[..., Site]

# Tests that read this site's own content (its glossary.yaml, docs and config) rather than a fixture
# glossary are marked "content": a fork runs the engine's suite alone with `pytest -m "not content"`.
CONTENT_FIXTURES = frozenset({"real_site", "added_term"})


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that uses the real site as a content test."""
    for item in items:
        if CONTENT_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.content)


@pytest.fixture
def serving() -> Iterator[None]:
    """Build as a serving process does (``mkdocs serve`` calls on_startup with "serve"): it keeps the
    last read of the glossary and per-term pieces between builds."""
    session.will_serve()
    yield
    session.will_serve(False)


@pytest.fixture
def fixed_dates(monkeypatch: pytest.MonkeyPatch) -> None:
    """Both builds date the sitemap alike, as the Makefile's SOURCE_DATE_EPOCH does."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")


@pytest.fixture
def build_site(tmp_path: Path) -> BuildSite:
    """Build a site from a glossary text and optional hand-written docs; return it."""

    def run(glossary: str = SMALL, docs: dict[str, str] | None = None, nav: list[object] | None = None) -> Site:
        return build_project(make_project(tmp_path, glossary, docs), nav if nav is not None else DEFAULT_NAV)

    return run


@pytest.fixture(scope="session")
def small_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The small reference site, built once for the many tests that only read it."""
    root = tmp_path_factory.mktemp("small")
    docs = {
        "about.md": (
            "# About\n\nRead {{ term('parameter') }} or {{ term('hyperparameter', 'hyperparameters') }}.\n\n"
            "{{ term_card('neural-network') }}\n\n## Cluster\n\n{{ cluster_cards('neural-networks') }}\n\n"
            "## Path\n\n{{ learning_path('tuning') }}\n"
        ),
    }
    make_project(root, SMALL, docs)
    return build_project(root, [*DEFAULT_NAV, {"About": "about.md"}])


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The real project (config, hooks, docs, glossary) built strictly into a temporary folder, once."""
    root = tmp_path_factory.mktemp("real")
    for name in ("mkdocs.yml", "glossary.yaml"):
        shutil.copy(ROOT / name, root / name)
    for folder in ("hooks", "overrides", "docs"):
        shutil.copytree(ROOT / folder, root / folder, ignore=shutil.ignore_patterns("__pycache__"))
    return build_project(root, nav=None)
