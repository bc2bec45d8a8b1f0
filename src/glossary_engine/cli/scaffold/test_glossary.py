"""This glossary's own checks: the file is valid, meets its content standard, and builds a site
with a page for every entry and no broken link."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from glossary_engine import GlossaryIndex, load_glossary

ROOT = Path(__file__).resolve().parent.parent


def test_the_glossary_is_valid() -> None:
    load_glossary(ROOT / "glossary.yaml")  # raises with every problem, each at its line


@pytest.mark.content
def test_the_glossary_meets_its_content_standard() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "glossary_engine.cli", "check"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("site")
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(folder)],
        cwd=ROOT,
        check=True,
    )
    return folder


def test_every_term_and_cluster_has_a_page(site: Path) -> None:
    index = GlossaryIndex.build(load_glossary(ROOT / "glossary.yaml"))
    missing = [f"terms/{slug}/" for slug in index.terms if not (site / "terms" / slug / "index.html").is_file()]
    missing += [f"clusters/{c}/" for c in index.clusters if not (site / "clusters" / c / "index.html").is_file()]
    assert missing == []


def test_every_link_between_pages_resolves(site: Path) -> None:
    broken = []
    for page in site.rglob("*.html"):
        if page.name == "404.html":  # served at any depth, so it links from the site root
            continue
        for href in re.findall(r'href="([^"#?]+)', page.read_text(encoding="utf-8")):
            if re.match(r"[a-z]+:|/", href):  # another site, or the site root (set by site_url)
                continue
            target = (page.parent / href).resolve()
            if not (target.is_file() or (target / "index.html").is_file()):
                broken.append(f"{page.relative_to(site)} -> {href}")
    assert broken == []
