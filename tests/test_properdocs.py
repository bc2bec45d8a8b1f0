"""The real site builds strictly under ProperDocs, the drop-in fork of MkDocs 1.6, as well as MkDocs.

ProperDocs installs a ``properdocs`` package and command, not a ``mkdocs`` module; its command maps every
``mkdocs.*`` import to ``properdocs.*``, so our hook, Material and mkdocs-macros load unchanged. It gets
a venv of its own without MkDocs (``make properdocs-setup``: requirements.lock minus mkdocs, plus the
exact pin in requirements-properdocs.lock), made once in ``.cache/`` and reused. Where ProperDocs is
importable here, that interpreter runs it instead. Where it cannot be installed (no network), the tests
are skipped with the reason, except under CI=true, where that is a failure.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from importlib.util import find_spec

import pytest

from conftest import ROOT, Site
from glossary_engine import load_glossary
from glossary_engine.urls import site_path, term_page

# The Makefile's default PROPERDOCS_VENV, passed to make explicitly so both always mean the same folder.
PROPERDOCS_VENV = ROOT / ".cache" / "properdocs-venv"


def require(reason: str) -> None:
    """Skip for a missing tool, or fail under CI=true, where nothing may be skipped."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI=true: nothing may be skipped)")
    pytest.skip(reason)


def properdocs_command() -> list[str]:
    """How to run ProperDocs: this interpreter if it has it, else the cached venv, made when missing."""
    if find_spec("properdocs") is not None:
        return [sys.executable, "-m", "properdocs"]
    if shutil.which("make") is None:
        require("make not found: it makes the ProperDocs venv (make properdocs-setup)")
    result = subprocess.run(
        [
            "make",
            "--no-print-directory",
            "properdocs-setup",
            f"PYTHON={sys.executable}",
            f"PROPERDOCS_VENV={PROPERDOCS_VENV}",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        output = (result.stdout + result.stderr).strip().splitlines()
        require("ProperDocs could not be installed (make properdocs-setup):\n" + "\n".join(output[-15:]))
    return [str(PROPERDOCS_VENV / "bin" / "properdocs")]


@pytest.fixture(scope="module")
def properdocs_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The real project (config, hooks, docs, glossary) built strictly by ProperDocs in a temporary folder."""
    command = properdocs_command()
    root = tmp_path_factory.mktemp("properdocs")
    for name in ("mkdocs.yml", "glossary.yaml"):
        shutil.copy(ROOT / name, root / name)
    for folder in ("hooks", "overrides", "docs"):
        shutil.copytree(ROOT / folder, root / folder, ignore=shutil.ignore_patterns("__pycache__"))
    site = Site(root)
    result = subprocess.run(
        [*command, "build", "--strict", "--config-file", "mkdocs.yml", "--site-dir", str(site.site_dir)],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def test_properdocs_builds_the_real_site_strictly_with_every_term_page(properdocs_site: Site) -> None:
    terms = load_glossary(ROOT / "glossary.yaml", display_path="glossary.yaml").terms
    missing = [
        t.slug for t in terms if not (properdocs_site.site_dir / site_path(term_page(t.slug)) / "index.html").is_file()
    ]
    assert terms and missing == []
    assert "<h1" in properdocs_site.html("terms/parameter/")


def test_the_build_ran_on_properdocs_not_mkdocs(properdocs_site: Site) -> None:
    assert '<meta name="generator" content="mkdocs-ProperDocs ' in properdocs_site.html("terms/parameter/")


def test_a_strict_dirty_rebuild_with_properdocs_is_the_same_site(properdocs_site: Site) -> None:
    """`serve --dirty` rebuilds in place; ProperDocs logs the dirty-build warning under its own name, and
    the hook must drop it there too, or a strict build stops."""
    before = {p: p.read_bytes() for p in properdocs_site.site_dir.rglob("*") if p.is_file()}
    result = subprocess.run(
        [*properdocs_command(), "build", "--dirty", "--strict", "--site-dir", str(properdocs_site.site_dir)],
        cwd=properdocs_site.root,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    after = {p: p.read_bytes() for p in properdocs_site.site_dir.rglob("*") if p.is_file()}
    assert after.keys() == before.keys()
    assert [p for p in before if before[p] != after[p]] == []
