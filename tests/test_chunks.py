"""Each term's own lines of glossary.yaml, and their digests: what the page store keys term pages by."""

from __future__ import annotations

from conftest import SMALL
from glossary_engine import parse_glossary
from glossary_engine.load.chunks import split, split_terms

TERMS = """\
terms:
  - slug: alpha
    title: Alpha
    explanation: |
      First.

      - not an item: a list inside a block of text
  # a comment between terms
  - slug: beta
    title: Beta
"""


def term_chunks(text: str) -> list[str] | None:
    found = split(text)
    return None if found is None else found[1]


def test_each_item_of_the_terms_list_is_a_chunk_with_the_lines_after_it() -> None:
    chunks = term_chunks("hub: alpha\n" + TERMS)
    assert chunks is not None
    assert [c.splitlines()[0] for c in chunks] == ["  - slug: alpha", "  - slug: beta"]
    assert "# a comment between terms" in chunks[0]
    assert "- not an item" in chunks[0]


def test_the_list_ends_at_the_next_top_level_key() -> None:
    chunks = term_chunks(TERMS + "paths:\n  - id: p\n")
    assert chunks is not None and chunks[-1] == "  - slug: beta\n    title: Beta\n"


def test_items_at_the_margin_are_read_too() -> None:
    text = "terms:\n- slug: alpha\n  title: Alpha\n- slug: beta\n  title: Beta\nhub: alpha\n"
    assert term_chunks(text) == ["- slug: alpha\n  title: Alpha\n", "- slug: beta\n  title: Beta\n"]


def test_a_layout_it_does_not_read_gives_nothing() -> None:
    assert term_chunks("terms: []\n") is None
    assert term_chunks("hub: x\n") is None
    assert term_chunks("terms:\n  slug: not-a-list\n") is None


def test_digests_follow_a_term_wherever_it_moves_and_change_with_its_text() -> None:
    glossary = parse_glossary(SMALL)
    digests = dict(zip((t.slug for t in glossary.terms), glossary.sources, strict=True))
    assert len(digests) == len(glossary.terms) and len(set(digests.values())) == len(digests)
    chunks = term_chunks(SMALL)
    assert chunks is not None
    head = SMALL[: SMALL.index(chunks[0])]
    moved = parse_glossary(head + "".join([chunks[-1], *chunks[1:-1], chunks[0]]))
    assert dict(zip((t.slug for t in moved.terms), moved.sources, strict=True)) == digests
    edited = parse_glossary(SMALL.replace("short: ", "short: Edited. ", 1))
    changed = [t.slug for t, d in zip(edited.terms, edited.sources, strict=True) if digests[t.slug] != d]
    assert changed == [glossary.terms[0].slug]


def test_the_split_is_refused_when_it_disagrees_with_the_parsed_terms() -> None:
    assert split_terms(TERMS, ["alpha"]) is None
    assert split_terms(TERMS, ["alpha", "gamma"]) is None
    split = split_terms(TERMS, ["alpha", "beta"])
    assert split is not None
    prefix, chunks, suffix = split
    assert len(chunks) == 2 and prefix + "".join(chunks) + suffix == TERMS
