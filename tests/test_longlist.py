"""Lists of every term split into pages once they are long: the A–Z index and the timeline."""

from __future__ import annotations

import posixpath
import random
import re
from pathlib import Path
from typing import Any

import pytest

from conftest import BuildSite, Site, build_project, make_project
from glossary_engine.render import longlist
from test_build import article
from test_incremental import (
    _write,
    add_term,
    delete_term,
    edit_definition,
    edit_title,
    medium_glossary,
    preview_matches_cold,
    rename_term,
)
from test_markup import nu_html_problems
from test_site_links import broken_links

TAG = re.compile(r"<[^>]+>")


def _items(html: str) -> list[str]:
    """The text of each list item in a page's article, in order."""
    return [TAG.sub("", item) for item in re.findall(r"<li>(.*?)</li>", article(html))]


def _links(site: Site, page: str) -> list[str]:
    """The pages linked from ``page``'s article, in order, as URL paths from the site root."""
    hrefs = re.findall(r'<a href="([^"#]*/)"', article(site.html(page)))
    return [posixpath.normpath(posixpath.join(page, href)).lstrip(".") + "/" for href in hrefs]


def _following(site: Site, first: str) -> list[str]:
    """The parts met by following each part's "Next" link from ``first``."""
    seen = [first]
    while True:
        found = re.search(r'Next: <a href="([^"]+)"', article(site.html(seen[-1])))
        if found is None:
            return seen
        seen.append(posixpath.normpath(posixpath.join(seen[-1], found.group(1))) + "/")


@pytest.fixture
def split_site(build_site: BuildSite, monkeypatch: pytest.MonkeyPatch) -> Site:
    """The small site with lists split past 2 entries, 3 to a part."""
    monkeypatch.setattr(longlist, "LIMIT", 2)
    monkeypatch.setattr(longlist, "PART", 3)
    return build_site()


@pytest.mark.parametrize(("index", "folder"), [("terms/", "a-z"), ("timeline/", "timeline")])
def test_a_long_list_is_split_into_parts_that_hold_every_entry_in_order(
    small_site: Site, split_site: Site, index: str, folder: str
) -> None:
    whole = _items(small_site.html(index))
    parts = [path for path in _links(split_site, index) if path.startswith(f"{folder}/") and path != index]
    assert len(parts) >= 2
    listed = [_items(split_site.html(part)) for part in parts]
    assert all(0 < len(items) <= 3 for items in listed)
    assert [item for items in listed for item in items] == whole
    assert _following(split_site, parts[0]) == parts  # each part leads to the next


def test_parts_are_reached_from_their_list_not_the_nav_and_are_valid_html(split_site: Site) -> None:
    term = split_site.html("terms/parameter/")
    around = term.replace(article(term), "")  # the nav, header and footer
    assert "timeline/" in around
    assert not re.search(r'href="[^"]*(?:a-z|timeline)/[^"/]+/"', around)
    part = split_site.html("a-z/a/")
    assert '<a href="../../">Home</a>' in part and '<a href="../../terms/">A–Z index</a>' in part
    assert broken_links(split_site) == []
    assert nu_html_problems(split_site) == []


def test_a_list_that_fits_stays_on_one_page(small_site: Site) -> None:
    assert not (small_site.site_dir / "a-z").exists()
    assert not list((small_site.site_dir / "timeline").glob("*/index.html"))


def test_parts_are_bounded_and_named_safely() -> None:
    entries = [(f"Name {i:05d}", f"line {i}") for i in range(10_001)]
    groups = [
        longlist.Group("T", "t", entries[:7000]),
        longlist.Group("#", "other", entries[7000:7002]),
        longlist.Group("É", "é", entries[7002:]),
    ]
    parts = longlist.split(groups, "a-z")
    assert parts is not None
    assert all(len(part.entries) <= longlist.PART for part in parts)
    assert [entry for part in parts for entry in part.entries] == entries
    pages = [part.page for part in parts]
    assert len(set(pages)) == len(pages)
    assert pages[:2] == ["a-z/t.md", "a-z/t-2.md"]
    assert "a-z/other.md" in pages and "a-z/u00c9.md" in pages
    assert all(re.fullmatch(r"a-z/[a-z0-9-]+\.md", page) for page in pages)
    assert longlist.split(groups[1:2], "a-z") is None


@pytest.mark.usefixtures("fixed_dates", "serving")
def test_live_preview_rebuilds_of_split_lists_match_cold_builds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Parts come, go and shift as terms are added, renamed and deleted: after each edit, a rebuild
    into the last build's folder (as `mkdocs serve --dirty`) is a cold build's."""
    monkeypatch.setattr(longlist, "LIMIT", 20)
    monkeypatch.setattr(longlist, "PART", 6)
    rng = random.Random(3)
    glossary = medium_glossary(seed=4)
    for number, term in enumerate(glossary["terms"]):
        term["year"] = 1950 + number % 40
    project = make_project(tmp_path / "preview")
    _write(project, glossary)
    build_project(project, dirty=True)
    assert (project / "site" / "a-z" / "t-4" / "index.html").exists()
    assert not (project / "site" / "a-z" / "t-5").exists()
    letters = []
    for edit in [add_term, edit_title, rename_term, delete_term, _delete_the_added_term, edit_definition]:
        glossary, preview = preview_matches_cold(project, glossary, edit, rng, tmp_path / "cold")
        letters.append((preview / "a-z" / "b" / "index.html").exists())
    assert letters == [True, True, True, True, False, False]  # the B part came and went


def _delete_the_added_term(glossary: dict[str, Any], rng: random.Random) -> None:
    glossary["terms"] = [term for term in glossary["terms"] if term["slug"] != "brand-new"]
