"""Hover slots: a term page rendered with its hover text as slots is the page rendered without them
once filled, and it does not change when a definition it shows only on hover does (so the page store
keeps it), whatever the definitions hold."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from glossary_engine import GlossaryIndex, load_glossary
from glossary_engine.model.records import Glossary
from glossary_engine.render import hover
from glossary_engine.render.markup import Rendered
from glossary_engine.render.pages import term_page
from test_incremental import medium_glossary

AWKWARD = ' "A & B" (a < b > c), it\'s \\ `x` *y* [z](w) é\u00a0✓ | &amp;'
"""Appended to definitions: every character an attribute, Markdown or the tooltip filter treats specially."""
_CARDS = re.compile(r'<h2 id="related-terms".*?(?=<h2 |\Z)', re.DOTALL)


def _slotted(index: GlossaryIndex, slug: str) -> Rendered:
    with hover.slots():
        return term_page(index, index.terms[slug])


def _changed(glossary: Glossary, suffix: str) -> GlossaryIndex:
    """Every definition with ``suffix`` added (its ``{}`` the term's slug)."""
    terms = tuple(dataclasses.replace(t, short=t.short + suffix.format(t.slug)) for t in glossary.terms)
    return GlossaryIndex.build(dataclasses.replace(glossary, terms=terms))


def _check(glossary: Glossary) -> None:
    index = _changed(glossary, AWKWARD)
    changed = _changed(glossary, AWKWARD + " Changed {}.")
    for term in index.glossary.terms:
        plain = term_page(index, term)
        slotted = _slotted(index, term.slug)
        assert "\x01" in slotted.html or not hover.slugs(plain.html), term.slug
        assert hover.fill(slotted.html, index.terms) == plain.html, term.slug
        assert (slotted.meta, slotted.toc) == (plain.meta, plain.toc), term.slug
        # Every definition changed: only the page's own and its related cards show the change.
        again = _slotted(changed, term.slug)
        own = f" Changed {term.slug}."
        assert _CARDS.sub("", again.html).replace(own, "") == _CARDS.sub("", slotted.html), term.slug
        meta = json.dumps(again.meta, ensure_ascii=False).replace(own, "")
        assert meta == json.dumps(slotted.meta, ensure_ascii=False), term.slug
        assert again.toc == slotted.toc


def test_slotted_term_pages_fill_to_the_plain_pages_and_hold_no_hover_text(tmp_path: Path) -> None:
    source = tmp_path / "glossary.yaml"
    source.write_text(yaml.safe_dump(medium_glossary(count=40), sort_keys=False), encoding="utf-8")
    _check(load_glossary(source))


@pytest.mark.content
def test_the_real_glossary_pages_too() -> None:
    """The real glossary has every optional section (examples, strengths, further reading...)."""
    _check(load_glossary(ROOT / "glossary.yaml", display_path="glossary.yaml"))


def test_a_page_without_slots_is_left_alone_and_a_lost_term_fills_empty() -> None:
    index = GlossaryIndex.build(load_glossary(ROOT / "tests" / "data" / "small.yaml"))
    slug = index.glossary.terms[0].slug
    assert hover.fill("<p>no slots</p>", index.terms) == "<p>no slots</p>"
    assert hover.fill(f'<a title="\x01{slug}\x02">', index.terms) == f'<a title="{index.terms[slug].short}">'
    assert hover.fill('<a title="\x01gone\x02">', index.terms) == '<a title="">'
