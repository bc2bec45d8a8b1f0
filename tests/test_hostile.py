"""Hostile and broken input: clear messages, bounded time and memory, nothing injected into the site."""

from __future__ import annotations

import re
import time

import pytest

from conftest import SMALL, BuildSite
from glossary_engine import GlossaryError, parse_glossary


def problems(text: str) -> list[str]:
    with pytest.raises(GlossaryError) as caught:
        parse_glossary(text, "glossary.yaml", this_year=2026)
    return [str(p) for p in caught.value.problems]


BOMB = "hub: a\nl0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]\n" for i in range(1, 10)
)


def test_alias_bomb_is_refused_fast() -> None:
    start = time.perf_counter()
    found = problems(BOMB)
    assert time.perf_counter() - start < 2
    assert found[0] == "glossary.yaml:3:10: YAML aliases (*name) are not allowed; write the value out"


@pytest.mark.parametrize("depth", [100, 100_000])
def test_deeply_nested_document_is_refused(depth: int) -> None:
    start = time.perf_counter()
    assert problems("hub: " + "[" * depth + "]" * depth + "\n") == [
        "glossary.yaml:1:69: the document nests deeper than 64 levels"
    ]
    assert time.perf_counter() - start < 5


def test_very_large_document_is_refused_before_parsing() -> None:
    text = "hub: a\n#" + "x" * (64 * 2**20) + "\n"
    start = time.perf_counter()
    assert problems(text) == ["glossary.yaml:1:1: the file has 67,108,873 characters; the limit is 67,108,864"]
    assert time.perf_counter() - start < 2


def test_duplicate_key_deep_inside_a_citation() -> None:
    text = SMALL.replace(
        "        title: Deep Learning\n", "        title: Deep Learning\n        title: Shallow Learning\n"
    )
    assert problems(text) == ["glossary.yaml:88:9: duplicate key 'title' (first given at line 87)"]


@pytest.mark.parametrize(("field", "value"), [("slug", "index"), ("slug", "search"), ("slug", "assets")])
def test_reserved_slugs_are_refused(field: str, value: str) -> None:
    text = (
        SMALL
        + f"  - {field}: {value}\n    title: X\n    short: X.\n    generality: 1\n    cluster: foundations\n    explanation: X.\n"
    )
    assert problems(text) == [
        f"glossary.yaml:113:11: term '{value}': slug: '{value}' is reserved for a page of the site; choose another"
    ]


def test_names_equal_after_unicode_normalisation_collide() -> None:
    # Fullwidth letters are NFKC-equal to ASCII ones: "Ｗｅｉｇｈｔｓ" would be a second "Weights".
    text = SMALL.replace("aliases: [NN, Artificial neural network]", "aliases: [NN, Ｗｅｉｇｈｔｓ]")
    assert problems(text) == [
        "glossary.yaml:59:15: term 'parameter': aliases: 'Weights' is already the alias of term 'neural-network'"
    ]


def test_javascript_url_in_further_reading_is_refused() -> None:
    text = SMALL.replace("url: https://www.deeplearningbook.org/", "url: javascript:alert(1)")
    assert problems(text) == [
        "glossary.yaml:90:14: term 'parameter': url: expected an http(s) URL like 'https://example.org/paper', got text 'javascript:alert(1)'"
    ]


HOSTILE = (
    SMALL.replace("title: Parameter\n", 'title: "<img src=x onerror=alert(1)>"\n', 1)
    .replace(
        "short: A number inside a model that is learned from data during training.",
        'short: "A <script>alert(2)</script> \\" number"',
    )
    .replace(
        "A parameter is a value learned during training.",
        "A <script>alert(3)</script> <iframe src=x></iframe> [click](javascript:alert(4))"
        " <b onclick=alert(5)>b</b> <img src=x onerror=alert(6)> [data](data:text/html,x) value.",
    )
)


def test_hostile_text_never_reaches_the_site_as_markup(build_site: BuildSite) -> None:
    site = build_site(HOSTILE)
    outputs = {
        p.relative_to(site.site_dir).as_posix(): p.read_text(encoding="utf-8") for p in site.site_dir.rglob("*.html")
    }
    outputs["search/search_index.json"] = (site.site_dir / "search" / "search_index.json").read_text(encoding="utf-8")
    for name, text in outputs.items():
        assert "<img src=x" not in text, name
        assert not re.search(r"<script>alert", text), name
        assert "<iframe" not in text, name
        assert "javascript:" not in text, name
        assert "data:text/html" not in text, name
        assert "onclick" not in text, name


def test_hostile_title_shows_as_text_everywhere(build_site: BuildSite) -> None:
    site = build_site(HOSTILE)
    page = site.html("terms/parameter/")
    shown = "&lt;img src=x onerror=alert(1)&gt;"
    assert f"<title>{shown} - AI Glossary</title>" in page
    assert f'<h1 id="img-srcx-onerroralert1">{shown}' in page
    assert f'<span aria-current="page">{shown}</span>' in page
    assert f"<strong>{shown}</strong>" in site.html("terms/weights-and-biases/")  # a related card
    assert '<meta name="description" content="A &lt;script&gt;alert(2)&lt;/script&gt; &quot; number">' in page


def test_prose_keeps_its_text_when_markup_is_stripped(build_site: BuildSite) -> None:
    page = build_site(HOSTILE).html("terms/parameter/")
    # Raw HTML in prose is left out (its text stays); dangerous link targets are emptied.
    assert re.search(r'<p>A alert\(3\)\s+<a href="">click</a> b\s+<a href="">data</a> value\.', page)


def test_file_and_record_problems_at_one_place_are_both_reported() -> None:
    # Found by the property tests: a problem without a subject and one with a subject at the same
    # position used to crash the sorting of messages.
    text = SMALL.replace("hub: artificial-intelligence\n", "").replace("  - id: foundations", "  - &d: foundations")
    assert problems(text) == [
        "glossary.yaml:2:1: missing required top-level key 'hub'",
        "glossary.yaml:3:5: keys must be plain field names",
        "glossary.yaml:3:5: cluster #1: missing required field 'id'",
        "glossary.yaml:25:14: term 'artificial-intelligence': cluster: unknown cluster 'foundations'",
    ]
