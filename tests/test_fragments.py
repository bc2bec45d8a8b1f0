"""Golden files for the HTML of the longer fragments: a term page, cards, crumbs.

Run with UPDATE_GOLDEN=1 to rewrite the files after an intended change, then review the diff.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from conftest import SMALL
from glossary_engine import GlossaryIndex, parse_glossary
from glossary_engine.render import markdown as md
from glossary_engine.render import pages
from glossary_engine.render.cards import render_cards, term_card
from glossary_engine.render.crumbs import render_crumbs, term_crumb
from glossary_engine.render.markup import Document
from glossary_engine.render.pages import term_page
from glossary_engine.render.prose import plain_prose, render_prose, to_html
from glossary_engine.render.site import generated_pages

GOLDEN = Path(__file__).resolve().parent / "golden"


@pytest.fixture(scope="module")
def index() -> GlossaryIndex:
    return GlossaryIndex.build(parse_glossary(SMALL, this_year=2026))


def check(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def test_related_cards_html(index: GlossaryIndex) -> None:
    cards = (term_card(index.terms[slug]) for slug in index.terms["parameter"].related)
    check("parameter-cards.html", render_cards(cards, "terms/parameter.md"))


def test_breadcrumb_html(index: GlossaryIndex) -> None:
    check("parameter-crumbs.html", render_crumbs(term_crumb(index, "parameter")))


def test_term_page_html(index: GlossaryIndex) -> None:
    check("parameter-page.html", term_page(index, index.terms["parameter"]).html)


def test_every_page_is_generated_once(index: GlossaryIndex) -> None:
    paths = [path for path, _ in generated_pages(index)]
    assert len(paths) == len(set(paths)) == 4 + 4 + 2 + 2 * 2 + 6


def test_referenced_by_keeps_the_most_general_past_the_limit(
    index: GlossaryIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pages, "MAX_BACKLINKS", 2)
    html = term_page(index, index.terms["parameter"]).html
    section = html[html.index('id="referenced-by"') :]
    section = section[section.index("<p>") : section.index("</p>") + 4]
    # Five terms link here; the two most general stay, in alphabetical order.
    assert re.findall(r">([^<]+)</a>", section) == ["Artificial Intelligence", "Neural Network"]
    assert section.endswith(", and 3 more terms.</p>")


@pytest.mark.parametrize(
    ("prose", "shown"),
    [
        ("[[hyperparameter]] is set by people.", "Hyperparameter"),
        ("Training is one thing. [[hyperparameter]] choice is another.", "Hyperparameter"),
        ("First paragraph.\n\n[[hyperparameter]] again.", "Hyperparameter"),
        ("- [[hyperparameter]] first in a list item", "Hyperparameter"),
        ("Pick a [[hyperparameter]] first.", "hyperparameter"),
        ("Tuned, e.g. [[hyperparameter]] search.", "hyperparameter"),
        ("Wrapped line\n[[hyperparameter]] goes on.", "hyperparameter"),
        ("[[hyperparameter|the setting]] keeps its own text.", "the setting"),
    ],
)
def test_a_bare_link_that_starts_a_sentence_is_capitalised(index: GlossaryIndex, prose: str, shown: str) -> None:
    html = render_prose(index, prose, "terms/parameter.md")
    assert re.findall(r"<a [^>]*>([^<]+)</a>", html) == [shown]


@pytest.mark.parametrize(
    ("prose", "shown"),
    [
        ("It is final. [[hyperparameter]] choice comes next.", "Hyperparameter"),
        ("Last one.\n\n[[hyperparameter]] after a paragraph.", "Hyperparameter"),
        ("- **[[hyperparameter]]**: chosen by people", "Hyperparameter"),
        ("Tuned, e.g.\n[[hyperparameter]] search.", "hyperparameter"),
    ],
)
def test_sentence_starts_behind_emphasis_and_after_ordinary_words(index: GlossaryIndex, prose: str, shown: str) -> None:
    html = render_prose(index, prose, "terms/parameter.md")
    assert re.findall(r"<a [^>]*>([^<]+)</a>", html) == [shown]


def test_plain_text_capitalises_like_the_page(index: GlossaryIndex) -> None:
    assert plain_prose(index, "[[hyperparameter]] values. A [[hyperparameter]].") == (
        "Hyperparameter values. A hyperparameter."
    )


def test_a_backslash_at_the_end_of_a_link_title_does_not_swallow_the_next_link() -> None:
    html = to_html(md.link("a", "x/", "ends with \\") + " and " + md.link("b", "y/", "plain"))
    assert re.findall(r"<a [^>]*>([^<]+)</a>", html) == ["a", "b"]
    assert 'title="ends with \\"' in html


def test_bare_web_addresses_in_prose_stay_text() -> None:
    html = to_html("See www.example.org or https://example.org/a_b for more.")
    assert "<a" not in html


def test_repeated_and_empty_heading_ids_are_numbered_as_the_toc_extension_does() -> None:
    doc = Document()
    for title in ("Setup", "Setup", "???", "!!!", "Setup"):
        doc.heading(2, title)
    assert [h.id for h in doc.rendered({}).toc] == ["setup", "setup_1", "_1", "_2", "setup_2"]
