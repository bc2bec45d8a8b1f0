"""Incremental builds: a build that reuses the page store makes exactly the site a cold build makes.

One glossary is edited again and again (definitions, titles, prose that mentions other terms,
relations, learning paths, generality, renames, deletions, a new term, a cluster's title); after each
edit the project is built with the store the earlier builds filled, and a copy of it is built cold,
and the two sites must be the same, file by file and byte for byte.
"""

from __future__ import annotations

import copy
import dataclasses
import gc
import logging
import random
import re
import shutil
import time
import weakref
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from mkdocs.exceptions import Abort

from conftest import DEFAULT_NAV, build_project, make_project
from glossary_engine import GlossaryIndex, parse_glossary
from glossary_engine.render import session, store

WORDS = [
    "model",
    "data",
    "layer",
    "value",
    "gradient",
    "loss",
    "weight",
    "input",
    "output",
    "feature",
    "sample",
    "batch",
    "signal",
]
Glossary = dict[str, Any]


def _prose(rng: random.Random, links: list[str], mentions: list[str]) -> str:
    words = " ".join(rng.choice(WORDS) for _ in range(30))
    linked = " ".join(f"See [[{slug}]]." for slug in links)
    mentioned = " ".join(f"It uses the {title} idea." for title in mentions)
    return f"Some {words}. {linked} {mentioned}\n"


CLUSTERS = ("alpha", "beta", "gamma")


def medium_glossary(seed: int = 7, count: int = 24, clusters: int = 3) -> Glossary:
    """A glossary of ``count`` terms in ``clusters`` clusters (past 20 the nav no longer lists them),
    with links, mentions (autolinks), related terms, contrasts and three learning paths."""
    rng = random.Random(seed)
    cluster_ids = [*CLUSTERS, *(f"more-{i}" for i in range(len(CLUSTERS), clusters))][:clusters]
    slugs = [f"term-{i:02d}" for i in range(count)]
    titles = {slug: f"Term {i:02d} {WORDS[i % len(WORDS)].title()}" for i, slug in enumerate(slugs)}
    terms = []
    for i, slug in enumerate(slugs):
        others = [s for s in rng.sample(slugs, 6) if s != slug]
        term: dict[str, Any] = {
            "slug": slug,
            "title": titles[slug],
            "short": f"Definition {i} of a {rng.choice(WORDS)}.",
            "generality": rng.randint(0, 1000),
            "cluster": cluster_ids[i % clusters],
            "explanation": _prose(rng, others[:2], [titles[others[2]]]),
            "related": others[3:5],
        }
        if i % 4 == 0:
            term["contrast"] = [{"term": others[-1], "difference": "They differ in scale."}]
        if i % 5 == 1:  # a common question, whose answer links a term (self-check pages show both)
            term["questions"] = [{"question": f"Why {i}?", "answer": f"Because of [[{others[0]}]].\n"}]
        terms.append(term)
    return {
        "hub": slugs[0],
        "clusters": [  # each description links a term of the next cluster, which its page then shows
            {"id": c, "title": f"Cluster {c.title()}", "description": f"Terms about {c}, after [[{slugs[i + 1]}]]."}
            for i, c in enumerate(cluster_ids)
        ],
        "paths": [
            {
                "id": f"path-{p}",
                "title": f"Path {p}",
                "description": f"A reading order that starts from [[{slugs[p + 5]}]].",  # term-05 for path-0
                "steps": rng.sample(slugs, 6),
            }
            for p in range(3)
        ],
        "terms": terms,
    }


def _term(glossary: Glossary, rng: random.Random, *, not_hub: bool = False) -> dict[str, Any]:
    terms = [t for t in glossary["terms"] if not (not_hub and t["slug"] == glossary["hub"])]
    term: dict[str, Any] = rng.choice(terms)
    return term


def edit_definition(glossary: Glossary, rng: random.Random) -> None:
    _term(glossary, rng)["short"] += " Now longer."


def edit_hub_definition(glossary: Glossary, rng: random.Random) -> None:
    """Every term page shows the hub's definition on hover, in a title attribute that needs escaping."""
    hub = next(t for t in glossary["terms"] if t["slug"] == glossary["hub"])
    hub["short"] += ' It is "A & B" (a < b > c),\u00a0really.'


def edit_title(glossary: Glossary, rng: random.Random) -> None:
    _term(glossary, rng)["title"] += " Renamed"


def edit_mention(glossary: Glossary, rng: random.Random) -> None:
    other = _term(glossary, rng)
    _term(glossary, rng)["explanation"] += f"\nIt also needs the {other['title']} idea.\n"


def edit_related(glossary: Glossary, rng: random.Random) -> None:
    term = _term(glossary, rng)
    others = [t["slug"] for t in glossary["terms"] if t["slug"] != term["slug"]]
    term["related"] = rng.sample(others, 3)


def edit_path(glossary: Glossary, rng: random.Random) -> None:
    path = rng.choice(glossary["paths"])
    rng.shuffle(path["steps"])


def edit_generality(glossary: Glossary, rng: random.Random) -> None:
    _term(glossary, rng)["generality"] = rng.randint(0, 1000)


def edit_cluster_title(glossary: Glossary, rng: random.Random) -> None:
    rng.choice(glossary["clusters"])["title"] += " and More"


def edit_cluster_description(glossary: Glossary, rng: random.Random) -> None:
    rng.choice(glossary["clusters"])["description"] += " Read them in order."


def edit_hub_title(glossary: Glossary, rng: random.Random) -> None:
    next(t for t in glossary["terms"] if t["slug"] == glossary["hub"])["title"] += " Hub"  # every crumb shows it


def edit_linked_from_a_cluster(glossary: Glossary, rng: random.Random) -> None:
    """The title and definition of a term a cluster's description links (its page shows both)."""
    linked = {m for c in glossary["clusters"] for m in re.findall(r"\[\[([^\]]+)\]\]", c["description"])}
    term = rng.choice([t for t in glossary["terms"] if t["slug"] in linked and t["slug"] != glossary["hub"]])
    term["title"] += " Linked"
    term["short"] += " Linked."


def move_term(glossary: Glossary, rng: random.Random) -> None:
    term = _term(glossary, rng)
    term["cluster"] = rng.choice([c["id"] for c in glossary["clusters"] if c["id"] != term["cluster"]])


def _replace_slug(glossary: Glossary, old: str, new: str | None) -> Glossary:
    """Every reference to ``old`` renamed to ``new``, or (``new`` None) taken out."""
    for cluster in glossary["clusters"]:
        cluster["description"] = re.sub(rf"\[\[{old}\]\]", f"[[{new}]]" if new else "it", cluster["description"])
    for term in glossary["terms"]:
        term["related"] = [s for s in (new if s == old else s for s in term.get("related", [])) if s]
        contrast = [c if c["term"] != old else c | {"term": new} for c in term.pop("contrast", [])]
        if [c for c in contrast if c["term"]]:
            term["contrast"] = [c for c in contrast if c["term"]]
        label = f"[[{new}]]" if new else "it"
        term["explanation"] = re.sub(rf"\[\[{old}\]\]", label, term["explanation"])
        for question in term.get("questions", []):
            question["answer"] = re.sub(rf"\[\[{old}\]\]", label, question["answer"])
    for path in glossary["paths"]:
        path["steps"] = [s for s in (new if s == old else s for s in path["steps"]) if s]
        path["description"] = re.sub(rf"\[\[{old}\]\]", f"[[{new}]]" if new else "it", path["description"])
    return glossary


def rename_term(glossary: Glossary, rng: random.Random) -> None:
    term = _term(glossary, rng, not_hub=True)
    old = term["slug"]
    term["slug"] = old + "-renamed"
    term["formerly"] = [old]
    _replace_slug(glossary, old, term["slug"])


def delete_term(glossary: Glossary, rng: random.Random) -> None:
    term = _term(glossary, rng, not_hub=True)
    glossary["terms"].remove(term)
    _replace_slug(glossary, term["slug"], None)


def add_term(glossary: Glossary, rng: random.Random) -> None:
    first = glossary["terms"][1]
    glossary["terms"].append(
        {
            "slug": "brand-new",
            "title": "Brand New Idea",
            "short": "A term added while previewing.",
            "generality": 999,
            "cluster": "beta",
            "explanation": f"It builds on [[{first['slug']}]].\n",
            "related": [first["slug"]],
        }
    )
    first["explanation"] += "\nA Brand New Idea builds on it.\n"


EDITS: list[Callable[[Glossary, random.Random], None]] = [
    edit_definition,
    edit_hub_definition,
    edit_title,
    edit_mention,
    edit_related,
    edit_path,
    edit_generality,
    edit_cluster_title,
    edit_cluster_description,
    edit_hub_title,
    edit_linked_from_a_cluster,
    move_term,
    rename_term,
    delete_term,
    add_term,
]


def _files(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def _differences(incremental: Path, cold: Path) -> list[str]:
    mine, theirs = _files(incremental), _files(cold)
    missing = [f"only in the cold build: {name}" for name in sorted(theirs.keys() - mine.keys())]
    extra = [f"only in the incremental build: {name}" for name in sorted(mine.keys() - theirs.keys())]
    changed = [f"differs: {name}" for name in sorted(mine.keys() & theirs.keys()) if mine[name] != theirs[name]]
    return missing + extra + changed


def _write(root: Path, glossary: Glossary) -> None:
    text = yaml.safe_dump(glossary, sort_keys=False, allow_unicode=True, width=1000)
    (root / "glossary.yaml").write_text(text, encoding="utf-8")


def _cold_build(root: Path, glossary: Glossary) -> Path:
    shutil.rmtree(root, ignore_errors=True)
    make_project(root)
    _write(root, glossary)
    return build_project(root).site_dir


def preview_matches_cold(
    project: Path, glossary: Glossary, edit: Callable[[Glossary, random.Random], None], rng: random.Random, cold: Path
) -> tuple[Glossary, Path]:
    """Make ``edit`` to a copy of ``glossary``, rebuild ``project`` as `mkdocs serve --dirty` does and
    check it is a cold build (made in ``cold``); return the edited glossary and the preview's folder."""
    glossary = copy.deepcopy(glossary)
    edit(glossary, rng)
    _write(project, glossary)
    preview = build_project(project, dirty=True).site_dir
    assert _differences(preview, _cold_build(cold, glossary)) == [], f"after {edit.__name__}"
    return glossary, preview


@pytest.mark.usefixtures("fixed_dates")
def test_incremental_builds_match_cold_builds_after_every_edit(tmp_path: Path) -> None:
    rng = random.Random(14)
    glossary = medium_glossary()
    project = make_project(tmp_path / "incremental")
    _write(project, glossary)
    build_project(project)
    edits = [*EDITS, *rng.choices(EDITS[:7], k=3)]
    rng.shuffle(edits)
    for edit in edits:
        glossary = copy.deepcopy(glossary)
        edit(glossary, rng)
        _write(project, glossary)
        incremental = build_project(project).site_dir
        cold = _cold_build(tmp_path / "cold", glossary)
        assert _differences(incremental, cold) == [], f"after {edit.__name__}"


@pytest.mark.usefixtures("fixed_dates", "serving")
def test_cluster_pages_outside_the_nav_match_cold_builds(tmp_path: Path) -> None:
    """Past 20 clusters the nav lists only the clusters index, and each cluster page is reused while
    what it shows is unchanged: after each edit, as `mkdocs serve --dirty` rebuilds, the site is a
    cold build's."""
    rng = random.Random(21)
    glossary = medium_glossary(seed=5, count=48, clusters=23)
    project = make_project(tmp_path / "preview")
    _write(project, glossary)
    first = build_project(project)
    assert "Cluster More-22" in first.html("clusters/more-22/")
    assert "clusters/more-22/" not in first.html("terms/")  # the nav does not list them
    for edit in [*EDITS, *rng.choices(EDITS, k=4)]:
        glossary, _ = preview_matches_cold(project, glossary, edit, rng, tmp_path / "cold")


GUIDE = "# Reading guide\n\nHow to read this glossary.\n"
NAV_WITH_GUIDE = [*DEFAULT_NAV, "guide.md"]  # no title given: the nav shows the page's own heading


def _cold_build_with(root: Path, glossary: Glossary, docs: dict[str, str], nav: list[object]) -> Path:
    shutil.rmtree(root, ignore_errors=True)
    make_project(root, docs=docs)
    _write(root, glossary)
    return build_project(root, nav).site_dir


@pytest.mark.usefixtures("fixed_dates", "serving")
def test_live_preview_rebuilds_match_cold_builds_after_every_edit(tmp_path: Path) -> None:
    """As `mkdocs serve --dirty` rebuilds: in one process, into the folder the last build left. Besides
    the glossary edits, a hand-written page's heading changes (every page's nav shows it) and a
    hand-written page comes and goes (its page must go too)."""
    rng = random.Random(16)
    glossary = medium_glossary(seed=9)
    docs = {"guide.md": GUIDE}
    project = make_project(tmp_path / "preview", docs=docs)
    _write(project, glossary)
    build_project(project, NAV_WITH_GUIDE)
    edits: list[Callable[[Glossary, random.Random], None] | str] = [*EDITS, "extra page", "heading", "no extra page"]
    for edit in edits:
        glossary = copy.deepcopy(glossary)
        if edit == "heading":
            docs = {**docs, "guide.md": GUIDE.replace("Reading guide", "How to read it")}
        elif edit == "extra page":
            docs = {**docs, "extra.md": "# Extra\n\nMore.\n"}
        elif edit == "no extra page":
            docs = {name: text for name, text in docs.items() if name != "extra.md"}
            (project / "docs" / "extra.md").unlink()
        else:
            assert callable(edit)
            edit(glossary, rng)
        for name, text in docs.items():  # only what changed: an unchanged page keeps its time stamp
            page = project / "docs" / name
            if not page.exists() or page.read_text(encoding="utf-8") != text:
                page.write_text(text, encoding="utf-8")
        _write(project, glossary)
        nav = [*NAV_WITH_GUIDE, *(["extra.md"] if "extra.md" in docs else [])]
        preview = build_project(project, nav, dirty=True).site_dir
        cold = _cold_build_with(tmp_path / "cold", glossary, docs, nav)
        name = edit if isinstance(edit, str) else edit.__name__
        assert _differences(preview, cold) == [], f"after {name}"


def _index_of(glossary: Glossary) -> GlossaryIndex:
    text = yaml.safe_dump(glossary, sort_keys=False, allow_unicode=True, width=1000)
    return GlossaryIndex.build(parse_glossary(text, this_year=2026))


@pytest.mark.usefixtures("serving")
def test_digests_carried_from_the_last_build_are_those_of_the_glossary_now() -> None:
    """A serving process takes over the last build's digests of what pages show (``Keys.digests``)
    for every list of terms that no other page shows differently now: after each kind of edit, each
    digest is the one computed afresh."""
    rng = random.Random(12)
    glossary = medium_glossary()
    keys = store.Keys.build(_index_of(glossary), "shared")
    slugs = [t["slug"] for t in glossary["terms"]]
    lists = [tuple(rng.sample(slugs, 6)) for _ in range(300)]
    for edit in [*EDITS, *rng.choices(EDITS[:7], k=8)]:
        for shows in lists:  # as the last build's pages did
            store.shown_digest(keys, shows)
            store.shown_digest(keys, shows, shows[:2])
        glossary = copy.deepcopy(glossary)
        edit(glossary, rng)
        keys = store.Keys.build(_index_of(glossary), "shared")
        assert keys.digests, "some digests are carried over"
        fresh = dataclasses.replace(keys, digests={})
        for shows in lists:
            assert store.shown_digest(keys, shows) == store.shown_digest(fresh, shows), edit.__name__
            assert store.shown_digest(keys, shows, shows[:2]) == store.shown_digest(fresh, shows, shows[:2])


@pytest.mark.usefixtures("fixed_dates")
def test_a_damaged_stored_page_is_rebuilt_not_served(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    _write(project, medium_glossary())
    first = build_project(project).html("terms/term-03/")
    pages = project / ".cache" / "glossary" / "pages"
    for stored in (pages / "pages").rglob("*.html"):
        stored.write_text(stored.read_text(encoding="utf-8").replace("Term 03", "PLANTED"), encoding="utf-8")
    assert build_project(project).html("terms/term-03/") == first


def test_a_store_writes_its_entries_in_place_but_never_through_a_link(tmp_path: Path) -> None:
    """Entries are written in place (a torn one fails its digest); a link planted where an entry goes,
    as a store restored from a cache might hold, is replaced, and what it pointed to is left alone."""
    folder = tmp_path / "store"
    outside = tmp_path / "outside.txt"
    outside.write_text("not the store's", encoding="utf-8")
    planted = folder / "pages" / "ab" / "abc.html"
    planted.parent.mkdir(parents=True)
    planted.symlink_to(outside)
    pages = store.PageStore(folder)
    pages.keep_page("abc", "<p>stored</p>")
    pages.keep_page("cde", "<p>new folder</p>")
    assert outside.read_text(encoding="utf-8") == "not the store's"
    assert not planted.is_symlink()
    assert pages.page("abc") == "<p>stored</p>" and pages.page("cde") == "<p>new folder</p>"
    (folder / "pages" / "cd" / "cde.html").write_bytes(b"<p>new fol")  # cut short
    assert pages.page("cde") is None
    pages.finish()
    assert store.PageStore(folder).page("abc") == "<p>stored</p>"


IN_PLACE = "0 from the page store, 40 already in the site folder"  # a live-preview rebuild writes none


@pytest.mark.usefixtures("fixed_dates")
@pytest.mark.parametrize(("dirty", "final"), [(False, "40 from the page store"), (True, IN_PLACE)])
def test_an_unchanged_glossary_reuses_every_stored_page(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, dirty: bool, final: str
) -> None:
    project = make_project(tmp_path / "project")
    _write(project, medium_glossary())
    build_project(project)
    with caplog.at_level(logging.INFO):
        build_project(project, dirty=dirty)
    assert f"term pages: 0 rendered, 24 reused; final pages: 1 drawn by the theme, {final}" in caplog.text


@pytest.mark.usefixtures("fixed_dates", "serving")
def test_pages_left_in_place_stay_in_the_store(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """Live-preview rebuilds that leave every page in place still count as using its stored page, so
    the store does not drop them after a few rebuilds, and later rebuilds and clean builds find them."""
    project = make_project(tmp_path / "project")
    _write(project, medium_glossary())
    build_project(project)
    for _ in range(5):  # more rebuilds than the store keeps unused entries for
        caplog.clear()
        with caplog.at_level(logging.INFO):
            build_project(project, dirty=True)
        assert f"final pages: 1 drawn by the theme, {IN_PLACE}" in caplog.text
    caplog.clear()
    with caplog.at_level(logging.INFO):
        build_project(project)
    assert "final pages: 1 drawn by the theme, 40 from the page store" in caplog.text


@pytest.mark.usefixtures("fixed_dates", "serving")
@pytest.mark.parametrize(
    ("dirty", "final"),
    [(False, "29 from the page store"), (True, "7 from the page store, 22 already in the site folder")],
)
def test_the_build_says_which_pages_it_rendered_and_why(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, dirty: bool, final: str
) -> None:
    """A definition edit renders only the pages that show it as text: its own, and the two whose
    related-term cards show it. The others that show something of it (its hover text, or its title)
    take their stored pages, filled with its new hover text (a live-preview rebuild, dirty, writes
    just those seven); the rest stay in place. No page shows the old definition."""
    project = make_project(tmp_path / "project")
    glossary = medium_glossary()
    _write(project, glossary)
    site = build_project(project)
    before = {p: p.read_text(encoding="utf-8") for p in site.site_dir.rglob("*.html")}
    glossary_before = copy.deepcopy(glossary)
    glossary["terms"][5]["short"] = "A new definition."
    _write(project, glossary)
    with caplog.at_level(logging.INFO):
        site = build_project(project, dirty=dirty)
    assert "24 terms, 3 clusters, 3 paths (1 changed term read again)" in caplog.text
    summary = "term pages: 3 rendered (term-05 changed; 2 show what changed), 21 reused;"
    assert f"{summary} final pages: 12 drawn by the theme, {final}" in caplog.text
    assert "A new definition." in site.html("terms/term-05/")
    old = f'title="{glossary_before["terms"][5]["short"]}"'
    showing = [p for p, html in before.items() if old in html]
    assert len(showing) >= 5, "the edited term's definition was on several pages as hover text"
    for page in sorted(site.site_dir.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        assert old not in html, page
        assert page not in showing or 'title="A new definition."' in html, page


@pytest.mark.usefixtures("fixed_dates", "serving")
def test_a_hand_written_page_rendered_as_before_still_has_its_links_checked(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Under serve a hand-written page whose Markdown is unchanged is not rendered again, but the links
    it makes are checked against this build's pages: an anchor that went away, a page that went away."""
    glossary = medium_glossary()
    guide = "# Guide\n\nSee [its questions](terms/term-01.md#common-questions) and [another](terms/term-02.md).\n"
    project = make_project(tmp_path / "preview", docs={"guide.md": guide})
    _write(project, glossary)
    with caplog.at_level(logging.WARNING):
        build_project(project, NAV_WITH_GUIDE)
    assert "common-questions" not in caplog.text and "term-02.md" not in caplog.text
    term = next(t for t in glossary["terms"] if t["slug"] == "term-01")
    del term["questions"]  # its page loses the "Common questions" heading the guide links to
    _write(project, glossary)
    caplog.clear()
    with caplog.at_level(logging.WARNING), pytest.raises(Abort):  # the site's config is strict
        build_project(project, NAV_WITH_GUIDE, dirty=True)
    assert "'#common-questions'" in caplog.text and "term-01" in caplog.text
    glossary["terms"] = [t for t in glossary["terms"] if t["slug"] != "term-02"]
    _write(project, _replace_slug(glossary, "term-02", None))
    caplog.clear()
    with caplog.at_level(logging.WARNING), pytest.raises(Abort):
        build_project(project, NAV_WITH_GUIDE, dirty=True)
    assert "terms/term-02.md" in caplog.text and "common-questions" in caplog.text


@pytest.mark.usefixtures("serving")
def test_a_hand_written_page_that_warned_warns_again_on_every_rebuild(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    project = make_project(tmp_path / "preview", docs={"guide.md": "# Guide\n\nSee [nothing](missing.md).\n"})
    _write(project, medium_glossary())
    for dirty in (False, True, True):  # the first build, then two rebuilds with nothing changed
        caplog.clear()
        with caplog.at_level(logging.WARNING), pytest.raises(Abort):
            build_project(project, NAV_WITH_GUIDE, dirty=dirty)
        assert "missing.md" in caplog.text


@pytest.mark.usefixtures("serving")
def test_a_rebuild_frees_the_last_build_without_the_cyclic_collector(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A rebuild lets go of the last build's glossary, pages and files by reference counting alone
    (the hook breaks the cycles among them), so a serving process need not scan its whole heap after
    each rebuild to get their memory back."""
    made: list[weakref.ref[GlossaryIndex]] = []
    build_index = GlossaryIndex.build.__func__  # type: ignore[attr-defined]

    def recorded(cls: type[GlossaryIndex], glossary: Any) -> GlossaryIndex:
        index: GlossaryIndex = build_index(cls, glossary)
        made.append(weakref.ref(index))
        return index

    monkeypatch.setattr(GlossaryIndex, "build", classmethod(recorded))
    project = make_project(tmp_path / "project")
    _write(project, medium_glossary())
    gc.collect()
    gc.disable()
    try:
        build_project(project, dirty=True)
        first = made[0]
        build_project(project, dirty=True)
        freed = first() is None
    finally:
        gc.enable()
    assert freed


def _rebuilt(count: int) -> None:
    """What happens after ``count`` served rebuilds, each one's collection a second after it."""
    for _ in range(count):
        session.build_starts()
        session._collect_after_build()


@pytest.fixture
def sweeps(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    gc.unfreeze()
    monkeypatch.setattr(session, "_SWEEP_QUIET", 0.3)
    session._SINCE_SWEEP[0] = 0
    try:
        yield
    finally:
        session.build_starts()  # cancels a waiting sweep
        gc.unfreeze()
        session._SINCE_SWEEP[0] = 0


def test_after_a_served_rebuild_what_lives_on_is_frozen_and_the_tenth_sweeps_once_quiet(sweeps: None) -> None:
    _rebuilt(1)  # the first rebuild: what lives is frozen
    assert gc.get_freeze_count() > 0
    kept = _Cyclic()
    session.build_starts()  # the second rebuild starts: now it is frozen too...
    cycle = weakref.ref(kept)
    del kept  # ...and garbage, in a cycle
    session._collect_after_build()
    _rebuilt(session._SWEEP_EVERY - 3)  # nine
    time.sleep(0.6)
    assert cycle() is not None  # no collection looks at frozen objects...
    _rebuilt(1)  # the tenth
    assert cycle() is not None  # ...and the sweep waits for a quiet spell...
    session.build_starts()  # ...which an edit cuts short...
    time.sleep(0.6)
    assert cycle() is not None
    session._collect_after_build()  # ...until a rebuild is followed by one
    time.sleep(0.6)
    assert cycle() is None


def test_a_preview_that_is_never_quiet_is_swept_all_the_same(sweeps: None) -> None:
    _rebuilt(1)
    kept = _Cyclic()
    session.build_starts()
    cycle = weakref.ref(kept)
    del kept
    session._collect_after_build()
    _rebuilt(session._SWEEP_ANYWAY - 3)
    assert cycle() is not None
    _rebuilt(1)
    assert cycle() is None


class _Cyclic:
    """An object in a reference cycle with itself."""

    def __init__(self) -> None:
        self.me = self
