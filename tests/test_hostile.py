"""Hostile and broken input: clear messages, bounded time and memory, nothing injected into the site."""

from __future__ import annotations

import os
import re
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import SMALL, BuildSite
from glossary_engine import GlossaryError, load_glossary, parse_glossary


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


# Hostile text that the loader accepts: one-line fields are plain text (markup in them is refused,
# see below), so what reaches the site is text that looks like markup once decoded, and prose.
HOSTILE_TITLE = "&lt;img src=x onerror=alert(1)&gt; & <3"
HOSTILE = (
    SMALL.replace("title: Parameter\n", f'title: "{HOSTILE_TITLE}"\n', 1)
    .replace(
        "short: A number inside a model that is learned from data during training.",
        'short: "A &lt;script&gt;alert(2)&lt;/script&gt; \\" number"',
    )
    .replace(
        "A parameter is a value learned during training.",
        "A <script>alert(3)</script> <iframe src=x></iframe> [click](javascript:alert(4))"
        " <b onclick=alert(5)>b</b> <img src=x onerror=alert(6)> [data](data:text/html,x) value."
        ' See [the book](https://example.org/ "<img src=x onerror=alert(7)>").',
    )
)
# Attributes that scripts read back and may hand to innerHTML (Material's tooltips read title).
_READ_BY_SCRIPTS = re.compile(r"title|data-.*|aria-label")
_TAG_START = re.compile(r"<[A-Za-z/!?]")


class _Attributes(HTMLParser):
    """Every attribute value of a page, decoded as a script would see it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.values: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.values.extend((tag, name, value) for name, value in attrs if value is not None)


def test_hostile_text_never_reaches_the_site_as_markup(build_site: BuildSite) -> None:
    site = build_site(HOSTILE)
    outputs = {
        p.relative_to(site.site_dir).as_posix(): p.read_text(encoding="utf-8") for p in site.site_dir.rglob("*.html")
    }
    outputs |= {
        p.relative_to(site.site_dir).as_posix(): p.read_text(encoding="utf-8")
        for p in (site.site_dir / "search" / "docs").glob("*.json")
    }
    assert "search/docs/0.json" in outputs  # what a search result shows (the word shards hold only words)
    for name, text in outputs.items():
        assert "<img src=x" not in text, name
        assert not re.search(r"<script>alert", text), name
        assert "<iframe" not in text, name
        assert "javascript:" not in text, name
        assert "data:text/html" not in text, name
        assert "onclick" not in text, name


def test_no_attribute_a_script_reads_holds_markup(build_site: BuildSite) -> None:
    site = build_site(HOSTILE)
    found = []
    for path in site.site_dir.rglob("*.html"):
        parser = _Attributes()
        parser.feed(path.read_text(encoding="utf-8"))
        found += [
            (path.relative_to(site.site_dir).as_posix(), tag, name, value)
            for tag, name, value in parser.values
            if _READ_BY_SCRIPTS.fullmatch(name) and _TAG_START.search(value)
        ]
    assert found == []
    # The link title from prose is still there, as text a tooltip shows without parsing it.
    assert 'title="&amp;lt;img src=x onerror=alert(7)&gt;"' in site.html("terms/parameter/")


def test_hostile_title_shows_as_text_everywhere(build_site: BuildSite) -> None:
    site = build_site(HOSTILE)
    page = site.html("terms/parameter/")
    shown = "&amp;lt;img src=x onerror=alert(1)&amp;gt; &amp; &lt;3"
    assert f"<title>{shown} - AI Glossary</title>" in page
    assert re.search(f"<h1 id=[^>]*>{re.escape(shown)}<a", page)
    assert f'<span aria-current="page">{shown}</span>' in page
    assert f"<strong>{shown}</strong>" in site.html("terms/weights-and-biases/")  # a related card
    assert (
        '<meta name="description" content="A &amp;lt;script&amp;gt;alert(2)&amp;lt;/script&amp;gt; &quot; number">'
        in page
    )


def test_prose_keeps_its_text_when_markup_is_stripped(build_site: BuildSite) -> None:
    page = build_site(HOSTILE).html("terms/parameter/")
    # Raw HTML in prose is left out (its text stays); dangerous link targets are emptied.
    assert re.search(r'<p>A alert\(3\)\s+<a href="">click</a> b\s+<a href="">data</a> value\.', page)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "title: Parameter\n",
            'title: "<img src=x onerror=alert(1)>"\n',
            "glossary.yaml:58:12: term 'parameter': title: looks like HTML markup (<img src=x o…);"
            " one-line fields are plain text",
        ),
        (
            "short: A number inside a model that is learned from data during training.",
            "short: A number </b> learned from data.",
            "glossary.yaml:60:12: term 'parameter': short: looks like HTML markup (</b> learned…);"
            " one-line fields are plain text",
        ),
        (
            "aliases: [Weights, Model parameter]",
            "aliases: [Weights, <!-- x -->]",
            "glossary.yaml:59:24: term 'parameter': aliases[2]: looks like HTML markup (<!-- x -->);"
            " one-line fields are plain text",
        ),
        (
            "- question: Are parameters and weights the same?",
            '- question: "Are <svg/onload=alert(1)> the same?"',
            "glossary.yaml:78:19: term 'parameter': question: looks like HTML markup (<svg/onload=…);"
            " one-line fields are plain text",
        ),
        (
            "title: Tuning a model",
            "title: <b>Tuning</b>",
            "glossary.yaml:16:12: path 'tuning': title: looks like HTML markup (<b>Tuning</b…); one-line fields are"
            " plain text",
        ),
    ],
    ids=["title", "short", "alias", "question", "path title"],
)
def test_markup_in_a_one_line_field_is_refused(old: str, new: str, expected: str) -> None:
    assert old in SMALL
    assert problems(SMALL.replace(old, new, 1)) == [expected]


def test_comparisons_and_entities_in_one_line_fields_are_plain_text() -> None:
    text = SMALL.replace("short: A number inside", 'short: "If a < b & c > d, a number <3 &amp; inside', 1)
    text = text.replace("learned from data during training.", 'learned from data during training."', 1)
    [parameter] = [t for t in parse_glossary(text, this_year=2026).terms if t.slug == "parameter"]
    assert parameter.short.startswith("If a < b & c > d, a number <3 &amp; inside")


@pytest.mark.parametrize(
    ("new", "expected"),
    [
        (
            'title: "Para\\x1b[31mmeter"',
            "glossary.yaml:58:12: term 'parameter': title: contains the control character U+001B; remove it",
        ),
        (
            'title: "Para\\0meter"',
            "glossary.yaml:58:12: term 'parameter': title: contains the control character U+0000; remove it",
        ),
        (
            'title: "Param\\u202eretem"',
            "glossary.yaml:58:12: term 'parameter': title: contains the control character U+202E RIGHT-TO-LEFT OVERRIDE;"
            " remove it",
        ),
        (
            'title: "\\u200b\\u200b\\u2060"',
            "glossary.yaml:58:12: term 'parameter': title: contains the invisible character U+200B ZERO WIDTH SPACE;"
            " remove it",
        ),
        (
            "title: " + "P" * 121,
            "glossary.yaml:58:12: term 'parameter': title: 121 characters; the limit is 120",
        ),
        (
            "title: Рarameter",  # a Cyrillic Р
            "glossary.yaml:58:12: term 'parameter': title: 'Рarameter' mixes Cyrillic and Latin letters"
            " (a look-alike letter?)",
        ),
    ],
    ids=["escape", "nul", "bidi", "invisible", "too long", "mixed scripts"],
)
def test_one_line_fields_are_capped_and_visible(new: str, expected: str) -> None:
    assert problems(SMALL.replace("title: Parameter", new, 1)) == [expected]


def test_a_forty_thousand_character_title_is_refused_at_once() -> None:
    start = time.perf_counter()
    found = problems(SMALL.replace("title: Parameter", "title: " + "word " * 8000, 1))
    assert found == ["glossary.yaml:58:12: term 'parameter': title: 39,999 characters; the limit is 120"]
    assert time.perf_counter() - start < 2


def test_an_alias_that_differs_from_a_title_by_a_look_alike_letter_is_refused() -> None:
    text = SMALL.replace("aliases: [Weights, Model parameter]", "aliases: [Weights, Нyperparameter]", 1)
    assert problems(text) == [
        "glossary.yaml:59:24: term 'parameter': aliases[2]: 'Нyperparameter' mixes Cyrillic and Latin letters"
        " (a look-alike letter?)"
    ]


def test_control_characters_in_prose_are_refused() -> None:
    # A terminal escape written with YAML's \\e: "clear the screen" in whoever's terminal prints it.
    text = SMALL.replace("why_it_matters: Parameters are", 'why_it_matters: "Clear \\e[2J screen." #', 1)
    assert problems(text) == [
        "glossary.yaml:67:21: term 'parameter': why_it_matters: contains the control character U+001B; remove it"
    ]


@pytest.mark.parametrize("slug", ["learning-rate\\n", "a" * 81])
def test_slugs_match_whole_and_fit_a_file_name(slug: str) -> None:
    text = (
        SMALL
        + f'  - slug: "{slug}"\n    title: X\n    short: X.\n    generality: 1\n    cluster: foundations\n    explanation: X.\n'
    )
    [found] = problems(text)
    assert found.startswith("glossary.yaml:113:11: term #7: slug: expected a slug (lowercase letters, digits and")
    assert "at most 80 characters" in found


def test_a_raw_control_character_is_reported_at_its_line_and_column() -> None:
    text = SMALL.replace("title: Parameter", "title: Para\x07meter", 1)
    assert problems(text) == [
        "glossary.yaml:58:16: invalid YAML: the character U+0007 is not allowed in a YAML file; remove it"
    ]


def test_messages_never_send_escape_sequences_to_the_terminal() -> None:
    text = (
        SMALL
        + '  - slug: "\\e[2J\\e]0;x\\a"\n    title: X\n    short: X.\n    generality: 1\n    cluster: foundations\n    explanation: X.\n'
    )
    [found] = problems(text)
    assert "\x1b" not in found and "\x07" not in found
    assert found.endswith("got text '\\x1b[2J\\x1b]0;x\\x07'")


@pytest.mark.parametrize("kind", ["device", "pipe", "folder"])
def test_special_files_are_refused_without_reading_them(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "glossary.yaml"
    if kind == "device":
        path.symlink_to("/dev/zero")
    elif kind == "pipe":
        os.mkfifo(path)
    else:
        path.mkdir()
    start = time.perf_counter()
    with pytest.raises(GlossaryError) as caught:
        load_glossary(path, display_path="glossary.yaml")
    assert time.perf_counter() - start < 2
    what = {"device": "a device", "pipe": "a named pipe", "folder": "a folder"}[kind]
    assert [str(p) for p in caught.value.problems] == [
        f"glossary.yaml:1:1: is {what}, not a regular file; refusing to read it"
    ]


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


def test_thousands_of_unclosed_link_openers_are_one_problem_found_fast() -> None:
    start = time.perf_counter()
    text = SMALL.replace(
        "explanation: Examples are the learning rate and the batch size.", 'explanation: "' + "[" * 12000 + '"'
    )
    found = problems(text)
    assert time.perf_counter() - start < 3
    assert found == [
        "glossary.yaml:108:19: term 'hyperparameter': explanation: '[[' starts a link that is not closed: write"
        " [[slug]] or [[slug|text]] (put `[[` in backticks to show it as text); 5999 more in this text"
    ]


def test_a_citation_needs_at_least_one_author() -> None:
    text = SMALL.replace("      - authors: [Stuart Russell, Peter Norvig]", "      - authors: []")
    assert problems(text) == ["glossary.yaml:32:18: term 'artificial-intelligence': authors: give at least one"]


@pytest.mark.parametrize(
    "code",
    ["```\n[[nope]]\n", "````\n[[nope]]\n```\n````", "`` a ` [[nope]] ``", "~~~~\n[[nope]]\n~~~~"],
    ids=["unclosed fence", "longer fence", "double-backtick span", "tilde fence"],
)
def test_a_link_inside_code_is_text(code: str) -> None:
    indented = code.replace("\n", "\n      ")
    text = SMALL.replace("Examples are the learning rate and the batch size.", "|\n      " + indented, 1)
    [term] = [t for t in parse_glossary(text, this_year=2026).terms if t.slug == "hyperparameter"]
    assert "[[nope]]" in term.explanation


def test_a_cache_entry_that_is_a_device_is_ignored_at_once(tmp_path: Path) -> None:
    (tmp_path / "glossary.yaml").write_text(SMALL, encoding="utf-8")
    folder = tmp_path / "cache"
    expected = load_glossary(tmp_path / "glossary.yaml", cache_dir=folder, this_year=2026)
    [entry] = list(folder.iterdir())
    entry.unlink()
    entry.symlink_to("/dev/zero")
    start = time.perf_counter()
    assert load_glossary(tmp_path / "glossary.yaml", cache_dir=folder, this_year=2026) == expected
    assert time.perf_counter() - start < 2


@pytest.mark.parametrize("number", ["0500", "1:30", "0x3e8", "1_956"])
def test_yaml_1_1_number_forms_are_not_read_as_numbers(number: str) -> None:
    assert problems(SMALL.replace("generality: 928", f"generality: {number}")) == [
        f"glossary.yaml:62:17: term 'parameter': generality: expected a whole number from 0 to 1000, got text '{number}'"
    ]
