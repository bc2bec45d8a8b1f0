"""Property-based tests: random valid glossaries always load and render; random damage never crashes.

Runs are bounded so ``make test`` stays quick; ``make fuzz`` runs the long profile.
"""

from __future__ import annotations

import contextlib
import io
import os
import tempfile
import unicodedata
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SMALL, build_project, make_project
from glossary_engine import GlossaryError, GlossaryIndex, generated_pages, parse_glossary
from glossary_engine.cli.main import main
from glossary_engine.load.plaintext import line_problem
from glossary_engine.load.schema import RESERVED_SLUGS

settings.register_profile("default", max_examples=60, deadline=None)
settings.register_profile("long", max_examples=3000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

# One-line text: any character but controls, surrogates, line separators, and the prose-link and
# code-span delimiters (so that random prose never contains an accidental [[link]]); in the form the
# loader keeps (NFC) and within its plain-text rules (no markup, something visible, one script a word).
TEXT = (
    st.text(
        st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp"), blacklist_characters="[]`\\"),
        min_size=1,
        max_size=24,
    )
    .map(lambda s: unicodedata.normalize("NFC", s))
    .filter(lambda s: s.strip() != "" and line_problem(s.strip()) is None)
)
SLUG = st.from_regex(r"[a-z][a-z0-9]{0,5}(-[a-z0-9]{1,3}){0,2}", fullmatch=True).filter(
    lambda s: s not in RESERVED_SLUGS
)


@st.composite
def glossaries(draw: st.DrawFn) -> dict[str, Any]:
    """A random glossary that is valid by construction."""
    slugs = draw(st.lists(SLUG, min_size=1, max_size=7, unique=True))
    cluster_ids = draw(st.lists(SLUG, min_size=1, max_size=3, unique=True))
    terms = []
    for i, slug in enumerate(slugs):
        others = [s for s in slugs if s != slug]
        links = draw(st.lists(st.sampled_from(slugs), max_size=3)) if slugs else []
        prose = draw(TEXT) + "".join(f" [[{s}]] {draw(TEXT)}" for s in links)
        term: dict[str, Any] = {
            "slug": slug,
            "title": f"{draw(TEXT).strip()} #{i}",
            "aliases": [f"{draw(TEXT).strip()} ~{i}.{k}" for k in range(draw(st.integers(0, 2)))],
            "short": draw(TEXT).strip(),
            "generality": draw(st.integers(0, 1000)),
            "cluster": draw(st.sampled_from(cluster_ids)),
            "explanation": prose,
            "related": draw(st.lists(st.sampled_from(others), unique=True, max_size=4)) if others else [],
        }
        if draw(st.booleans()):
            term["year"] = draw(st.integers(1600, 2026))
        if draw(st.booleans()) and others:
            term["contrast"] = [{"term": draw(st.sampled_from(others)), "difference": draw(TEXT)}]
        if draw(st.booleans()):
            term["questions"] = [{"question": draw(TEXT).strip(), "answer": draw(TEXT)}]
        terms.append(term)
    paths = []
    if len(slugs) >= 2:
        for i in range(draw(st.integers(0, 2))):
            steps = draw(st.lists(st.sampled_from(slugs), min_size=2, max_size=len(slugs), unique=True))
            paths.append({"id": f"path-{i}", "title": draw(TEXT).strip(), "description": draw(TEXT), "steps": steps})
    clusters = [{"id": c, "title": draw(TEXT).strip(), "description": draw(TEXT)} for c in cluster_ids]
    return {"hub": slugs[0], "clusters": clusters, "paths": paths, "terms": terms}


def dump(document: dict[str, Any]) -> str:
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=1000)


@given(glossaries())
def test_random_valid_glossaries_load_and_render(document: dict[str, Any]) -> None:
    glossary = parse_glossary(dump(document), this_year=2026)
    assert [t.slug for t in glossary.terms] == [t["slug"] for t in document["terms"]]
    pages = {src: render() for src, render in generated_pages(GlossaryIndex.build(glossary))}
    for term in document["terms"]:
        assert f"terms/{term['slug']}.md" in pages


@settings(max_examples=4, suppress_health_check=[HealthCheck.too_slow])
@given(glossaries())
def test_random_valid_glossaries_build_strictly(document: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        site = build_project(make_project(Path(folder), dump(document)))
        assert (site.site_dir / "terms" / document["terms"][0]["slug"] / "index.html").is_file()


LINES = SMALL.splitlines(keepends=True)


@st.composite
def damaged(draw: st.DrawFn) -> str:
    """SMALL with a few random edits: lines dropped, doubled or moved; characters replaced or inserted."""
    lines = list(LINES)
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["drop", "double", "move", "replace", "insert", "truncate"]))
        at = draw(st.integers(0, len(lines) - 1))
        if kind == "drop" and len(lines) > 1:
            del lines[at]
        elif kind == "double":
            lines.insert(at, lines[at])
        elif kind == "move":
            lines.insert(draw(st.integers(0, len(lines) - 1)), lines.pop(at))
        elif kind in ("replace", "insert") and lines[at]:
            column = draw(st.integers(0, len(lines[at]) - 1))
            char = draw(st.sampled_from([*":-[]{}&*!|>'\"#%@`\t ", "\u00e9", "\u2028", "\ufeff"]) | st.characters())
            keep = column + (1 if kind == "replace" else 0)
            lines[at] = lines[at][:column] + char + lines[at][keep:]
        elif kind == "truncate":
            lines = lines[: at + 1]
    return "".join(lines)


@given(damaged())
def test_damaged_glossaries_fail_with_messages_or_render(text: str) -> None:
    try:
        glossary = parse_glossary(text, this_year=2026)
    except GlossaryError as error:
        assert error.problems
        for problem in error.problems:
            assert str(problem).startswith(f"glossary.yaml:{problem.line}:{problem.column}: ")
            assert problem.line >= 1
        return
    for _, render in generated_pages(GlossaryIndex.build(glossary)):
        assert render().html


ANY_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=200)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=ANY_TEXT, slug=st.none() | ANY_TEXT, after=st.none() | ANY_TEXT)
def test_glossary_new_with_any_arguments_adds_a_valid_term_or_says_why(
    tmp_path_factory: pytest.TempPathFactory, title: str, slug: str | None, after: str | None
) -> None:
    folder = tmp_path_factory.mktemp("new")
    (folder / "glossary.yaml").write_text(SMALL, encoding="utf-8")
    argv = ["new", title, "--cluster", "foundations", "--file", str(folder / "glossary.yaml")]
    argv += ["--slug", slug] if slug is not None else []
    argv += ["--after", after] if after is not None else []
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(argv)
    text = (folder / "glossary.yaml").read_text(encoding="utf-8")
    if code == 0:
        parse_glossary(text, this_year=2026)  # what it wrote is a valid glossary
        assert len(text) > len(SMALL)
    else:
        assert code in (1, 2) and err.getvalue().strip()
        assert "Traceback" not in err.getvalue()
        assert text == SMALL  # a refusal changes nothing
    assert all(c.isprintable() or c == "\n" for c in err.getvalue())  # nothing raw reaches the terminal


_URL_PARTS = st.sampled_from(["terms", "a", "x.y", "..", ".", "", "%20", "é", "b c", "?q", "#f", "~u", "-"])
_BASES = st.sampled_from(
    [
        "https://glossary.example.org/",
        "https://glossary.example.org",
        "http://example.org/docs/",
        "HTTPS://Example.org/a//b/",
        "https://example.org/a/./b/",
        "https://example.org/a/../b",
        "https://example.org/?q=1",
        "https://example.org/#top",
        "https://user@example.org:8080/x/",
    ]
)


@given(_BASES, st.lists(_URL_PARTS, max_size=4), st.booleans())
def test_a_page_url_joins_the_site_url_as_mkdocs_joins_it(base: str, parts: list[str], slash: bool) -> None:
    """``urls.join`` gives every page the canonical URL and path MkDocs' own ``urljoin`` gives it."""
    from urllib.parse import urljoin, urlsplit

    from glossary_engine import urls

    url = "/".join(parts) + ("/" if slash and parts else "")
    expected = urljoin(base if base.endswith("/") else base + "/", url)
    assert urls.join(base, url) == (expected, urlsplit(expected).path)
