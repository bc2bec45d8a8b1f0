"""Automatic links for the first mention of another term in a term's prose."""

from __future__ import annotations

import pytest

from conftest import SMALL, BuildSite
from glossary_engine import GlossaryIndex, parse_glossary
from glossary_engine.render.pages import with_first_mentions_linked


@pytest.fixture(scope="module")
def index() -> GlossaryIndex:
    return GlossaryIndex.build(parse_glossary(SMALL, this_year=2026))


def link(index: GlossaryIndex, text: str, skip: set[str] | None = None) -> str:
    return index.autolinker.link(text, skip if skip is not None else set())


def test_first_mention_of_a_title_is_linked_once(index: GlossaryIndex) -> None:
    assert link(index, "A neural network has layers; each neural network learns.") == (
        "A [[neural-network|neural network]] has layers; each neural network learns."
    )


def test_plural_and_acronym_alias_are_found(index: GlossaryIndex) -> None:
    assert link(index, "Hyperparameters are set; NN and AI are acronyms.") == (
        "[[hyperparameter|Hyperparameters]] are set; [[neural-network|NN]] and [[artificial-intelligence|AI]] are acronyms."
    )


def test_acronyms_match_only_in_capitals(index: GlossaryIndex) -> None:
    assert link(index, "Say nn or ai quietly.") == "Say nn or ai quietly."


def test_one_word_aliases_are_not_linked(index: GlossaryIndex) -> None:
    assert link(index, "The weights move.") == "The weights move."


def test_longest_name_wins(index: GlossaryIndex) -> None:
    assert link(index, "Artificial neural network models.") == "[[neural-network|Artificial neural network]] models."


@pytest.mark.parametrize(
    "text",
    [
        "Code `neural network` stays.",
        "```\nneural network\n```",
        "# Neural network heading",
        "An [existing neural network link](https://example.org) stays.",
        "An explicit [[parameter|neural network]] stays.",
        "<span title='neural network'>x</span>",
        "See https://example.org/neural network",
    ],
)
def test_code_headings_links_and_html_are_never_touched(index: GlossaryIndex, text: str) -> None:
    assert "[[neural-network" not in link(index, text)


def test_own_term_and_already_linked_terms_are_skipped(index: GlossaryIndex) -> None:
    term = index.terms["parameter"]
    linked = with_first_mentions_linked(index, term)
    assert "[[parameter" not in linked.explanation
    # hyperparameter is linked explicitly in the explanation, so the contrast text is left alone
    assert linked.contrast[0].difference == term.contrast[0].difference


def test_editors_can_switch_it_off_for_a_term() -> None:
    text = SMALL.replace("    title: Weights and Biases\n", "    title: Weights and Biases\n    autolink: false\n")
    text = text.replace("Weights scale inputs;", "A neural network has weights; weights scale inputs;")
    index = GlossaryIndex.build(parse_glossary(text, this_year=2026))
    term = index.terms["weights-and-biases"]
    assert with_first_mentions_linked(index, term) is term


def test_auto_link_in_a_built_page(build_site: BuildSite) -> None:
    text = SMALL.replace("Examples are the learning rate and the batch size.", "Unlike a parameter, it is set by hand.")
    page = build_site(text).html("terms/hyperparameter/")
    assert (
        '<a href="../parameter/" title="A number inside a model that is learned from data during training.">parameter</a>'
        in page
    )
