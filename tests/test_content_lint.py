"""The content lint's rules, one test per rule, on small glossaries."""

from __future__ import annotations

from conftest import SMALL
from glossary_engine import GlossaryIndex, parse_glossary
from glossary_engine.model.lint import lint

LONG = " ".join(["word"] * 130)


def findings(text: str) -> list[str]:
    return [str(f) for f in lint(GlossaryIndex.build(parse_glossary(text, this_year=2026)))]


def test_placeholder_left_by_glossary_new_is_flagged() -> None:
    text = SMALL.replace("short: A setting chosen before training", "short: TODO A setting chosen before training")
    assert "glossary.yaml:103: term 'hyperparameter': still has a TODO placeholder from `glossary new`" in findings(
        text
    )


def test_short_definition_repeating_the_title_is_flagged() -> None:
    text = SMALL.replace(
        "short: A setting chosen before training", "short: Hyperparameter is a setting chosen before training"
    )
    assert (
        "glossary.yaml:105: term 'hyperparameter': short: starts by repeating the title; define it instead"
        in findings(text)
    )


def test_too_short_explanation_is_flagged() -> None:
    assert "glossary.yaml:108: term 'hyperparameter': explanation: 9 words; write 120–300" in findings(SMALL)


def test_two_terms_with_one_definition_are_flagged() -> None:
    text = SMALL.replace(
        "short: A setting chosen before training that controls how a model learns.",
        "short: The two kinds of learned numbers in a neural network layer.",
    )
    assert "glossary.yaml:105: term 'hyperparameter': short: same definition as 'weights-and-biases'" in findings(text)


def test_citation_without_locator_is_flagged() -> None:
    text = SMALL.replace('        isbn: "9780134610993"\n', "")
    assert (
        "glossary.yaml:31: term 'artificial-intelligence': further_reading[1]: add a DOI, arXiv id, ISBN or URL"
        in findings(text)
    )


def test_orphan_is_flagged() -> None:
    text = SMALL + (
        "  - slug: lonely\n    title: Lonely\n    short: Nobody links here.\n    generality: 1\n"
        f"    cluster: foundations\n    explanation: {LONG}\n    related: [parameter, hyperparameter, neural-network]\n"
    )
    assert "glossary.yaml:113: term 'lonely': orphan: no term links here and no learning path contains it" in findings(
        text
    )


def test_short_path_is_flagged() -> None:
    assert "glossary.yaml:15: path 'tuning': has 2 steps; give 5–12" in findings(SMALL)


def test_raw_html_in_prose_is_flagged_but_not_inside_code() -> None:
    text = SMALL.replace("Parameters are where learning ends up.", "Parameters are <b>where</b> learning ends up.")
    found = [f for f in findings(text) if "raw HTML" in f]
    assert found == [
        "glossary.yaml:67: term 'parameter': why_it_matters: raw HTML (<b>) is left out of the page; write Markdown instead"
    ]
    in_code = SMALL.replace("Parameters are where learning ends up.", "Write `<b>` for bold; a < b and b > a.")
    assert not [f for f in findings(in_code) if "raw HTML" in f]
