"""Reading the glossary again after an edit (live preview): checking only the changed terms must give
exactly what a whole read gives, the same model or the same messages, after every kind of edit."""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import SMALL
from glossary_engine import GlossaryError, load_glossary
from glossary_engine.load.loader import parse_glossary
from glossary_engine.load.reread import Reader

YEAR = 2026
PARAMETER_SHORT = "short: A number inside a model that is learned from data during training."
HYPER_SHORT = "short: A setting chosen before training that controls how a model learns."


def whole(text: str) -> object:
    """What a whole read makes of ``text``: the model with every term's lines and digest, or the messages."""
    try:
        glossary = parse_glossary(text, "glossary.yaml", this_year=YEAR)
    except GlossaryError as error:
        return str(error)
    return glossary, [(t.line, t.lines) for t in glossary.terms], glossary.sources


def again(reader: Reader, text: str) -> object:
    try:
        glossary = reader.parse(text, "glossary.yaml", YEAR)
    except GlossaryError as error:
        return str(error)
    return glossary, [(t.line, t.lines) for t in glossary.terms], glossary.sources


def replace(old: str, new: str) -> Callable[[str], str]:
    def edit(text: str) -> str:
        assert old in text, old
        return text.replace(old, new, 1)

    return edit


# Edits a changed term alone is checked for: (name, edit, how many terms the reader checks alone).
CHECKED_ALONE = [
    ("definition", replace(PARAMETER_SHORT, "short: A learned number."), 1),
    ("two terms", lambda t: replace(HYPER_SHORT, "short: Set before.")(replace(PARAMETER_SHORT, "short: X.")(t)), 2),
    ("a line added", replace("which are chosen before training.", "which are chosen\n      before training."), 1),
    ("lines removed", replace("    strengths:\n      - Learned automatically.\n", ""), 1),
    ("a comment", replace("    year: 1950\n", "    year: 1950  # first used\n    # more to come\n"), 1),
    ("a field moved", replace("    year: 1950\n    generality: 928\n", "    generality: 928\n    year: 1950\n"), 1),
    ("nothing", lambda t: t, 0),
]

# Edits that are problems, or that only a whole read can check; the result must be a whole read's.
OTHERS = [
    ("alias clash", replace("aliases: [Weights, Model parameter]", "aliases: [Weights, hyperPARAMETER]")),
    ("title clash", replace("title: Hyperparameter", "title: Neural network")),
    ("unknown related", replace("related: [parameter]\n", "related: [parameter, paramter]\n")),
    (
        "unknown cluster",
        replace("    cluster: neural-networks\n    explanation: Ex", "    cluster: neural\n    explanation: Ex"),
    ),
    ("unknown link", replace("see [[weights-and-biases]]", "see [[weights-and-bias]]")),
    ("unclosed link", replace("see [[weights-and-biases]]", "see [[weights-and-biases")),
    ("empty definition", replace(PARAMETER_SHORT, "short: ''")),
    ("bad year", replace("year: 1950", "year: 3050")),
    ("yaml error", replace(PARAMETER_SHORT, PARAMETER_SHORT + "\n   bad: [")),
    ("yaml alias", replace(PARAMETER_SHORT, "short: *anchor")),
    ("renamed", replace("- slug: hyperparameter\n", "- slug: hyper-parameter\n")),
    (
        "renamed with formerly",
        replace("- slug: hyperparameter\n", "- slug: hyper-parameter\n    formerly: [hyperparameter]\n"),
    ),
    ("formerly added", replace("- slug: hyperparameter\n", "- slug: hyperparameter\n    formerly: [hyper]\n")),
    ("self-related", replace("related: [parameter]\n", "related: [parameter, hyperparameter]\n")),
    ("deleted", lambda t: t[: t.index("  - slug: hyperparameter")]),
    (
        "added",
        lambda t: (
            t
            + "  - slug: loss\n    title: Loss\n    short: An error.\n    generality: 500\n    cluster: foundations\n    explanation: How wrong.\n"
        ),
    ),
    (
        "moved",
        lambda t: (
            t.replace("  - slug: weights-and-biases", "  - slug: zz", 1)
            .replace("  - slug: hyperparameter", "  - slug: weights-and-biases", 1)
            .replace("  - slug: zz", "  - slug: hyperparameter", 1)
        ),
    ),
    ("hub", replace("hub: artificial-intelligence", "hub: neural-network")),
    ("path", replace("steps: [parameter, hyperparameter]", "steps: [parameter, hyperparameter, neural-network]")),
    ("dedented", replace("    related: [parameter]\n    contrast:", "related: [parameter]\n    contrast:")),
    ("no final newline", lambda t: t.rstrip("\n")),
    ("last term edited, no final newline", lambda t: t.rstrip("\n").replace("are set.", "are chosen.")),
    ("a new item inside a term", replace("    strengths:\n", "  - slug: strengths\n    strengths:\n")),
]


@pytest.mark.parametrize(("name", "edit", "alone"), CHECKED_ALONE, ids=[c[0] for c in CHECKED_ALONE])
def test_a_change_inside_terms_checks_those_terms_alone_and_reads_as_a_whole_read(
    name: str, edit: Callable[[str], str], alone: int
) -> None:
    reader = Reader()
    reader.parse(SMALL, "glossary.yaml", YEAR)
    edited = edit(SMALL)
    assert again(reader, edited) == whole(edited)
    assert reader.rechecked == alone


@pytest.mark.parametrize(("name", "edit"), OTHERS, ids=[c[0] for c in OTHERS])
def test_any_other_edit_reads_as_a_whole_read(name: str, edit: Callable[[str], str]) -> None:
    reader = Reader()
    reader.parse(SMALL, "glossary.yaml", YEAR)
    edited = edit(SMALL)
    assert edited != SMALL
    assert again(reader, edited) == whole(edited)


def test_after_a_bad_edit_the_next_read_compares_with_the_last_good_one() -> None:
    reader = Reader()
    texts = [
        SMALL,
        replace(PARAMETER_SHORT, "short: First.")(SMALL),
        replace("see [[weights-and-biases]]", "see [[nowhere]]")(SMALL),  # a problem: the reader keeps the last good
        replace(HYPER_SHORT, "short: Second.\n    year: 1990")(SMALL),
        replace("which are chosen before training.", "which\n\n      are chosen before training.")(SMALL),
        SMALL,
    ]
    checked = []
    for text in texts:
        assert again(reader, text) == whole(text)
        checked.append(reader.rechecked)
    # Each good text against the last good one: the bad text changed nothing the reader keeps.
    assert checked == [None, 1, None, 2, 2, 1]


def test_messages_point_at_the_real_lines_when_a_whole_read_takes_over() -> None:
    reader = Reader()
    reader.parse(SMALL, "glossary.yaml", YEAR)
    moved_down = replace("which are chosen before training.", "which are chosen\n\n\n      before training.")(SMALL)
    reader.parse(moved_down, "glossary.yaml", YEAR)
    broken = replace("related: [parameter]\n", "related: [parameter, nope]\n")(moved_down)
    message = again(reader, broken)
    line = broken[: broken.index("nope")].count("\n") + 1
    assert isinstance(message, str) and f"glossary.yaml:{line}:" in message and "unknown term 'nope'" in message


def test_a_reader_reads_whole_a_file_it_has_not_read() -> None:
    reader = Reader()
    reader.parse(SMALL, "glossary.yaml", YEAR)
    assert not reader.knows("other.yaml", YEAR) and not reader.knows("glossary.yaml", YEAR + 1)
    edited = replace(PARAMETER_SHORT, "short: Other.")(SMALL)
    assert reader.parse(edited, "glossary.yaml", YEAR + 1) == parse_glossary(edited, this_year=YEAR + 1)
    assert reader.rechecked is None


def test_unchanged_terms_keep_their_model() -> None:
    """Terms whose lines did not change are the last read's objects: the point of reading again."""
    reader = Reader()
    first = reader.parse(SMALL, "glossary.yaml", YEAR)
    second = reader.parse(replace(PARAMETER_SHORT, "short: Changed.")(SMALL), "glossary.yaml", YEAR)
    kept = [a is b for a, b in zip(first.terms, second.terms, strict=True)]
    assert kept == [t.slug != "parameter" for t in first.terms]
    assert dataclasses.replace(second, terms=first.terms) == first


def test_a_serving_process_reads_the_file_itself_even_when_the_cache_holds_it(tmp_path: Path) -> None:
    """Live preview starts from a warm cache (after `make build`); its first edit must still be read
    by checking only the changed term, so the first load reads the file rather than the cache."""
    glossary, cache_dir = tmp_path / "glossary.yaml", tmp_path / "cache"
    glossary.write_text(SMALL, encoding="utf-8")
    load_glossary(glossary, cache_dir=cache_dir, this_year=YEAR)  # a build fills the cache
    reader = Reader()
    assert load_glossary(glossary, cache_dir=cache_dir, this_year=YEAR, reader=reader) == parse_glossary(SMALL)
    glossary.write_text(replace(PARAMETER_SHORT, "short: Edited.")(SMALL), encoding="utf-8")
    load_glossary(glossary, cache_dir=cache_dir, this_year=YEAR, reader=reader)
    assert reader.rechecked == 1


def test_a_short_path_that_fails_unexpectedly_falls_back_to_a_whole_read(monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever the short path trips over, the reader reads the file whole: never a traceback."""
    from glossary_engine.load import reread

    def broken(*_: object) -> None:
        raise KeyError("surprise")

    reader = Reader()
    reader.parse(SMALL, "glossary.yaml", YEAR)
    monkeypatch.setattr(reread, "_check_names", broken)
    edited = replace(PARAMETER_SHORT, "short: Edited.")(SMALL)
    assert again(reader, edited) == whole(edited)
    assert reader.rechecked is None


def test_random_edits_inside_the_terms_read_as_a_whole_read() -> None:
    """Characters inserted, deleted or replaced at random places among the terms (YAML syntax
    included): the reader gives what a whole read gives, model or messages, every time."""
    rng = random.Random(11)
    start = SMALL.index("terms:\n") + len("terms:\n")
    pieces = [" ", "\n", "-", ":", "  ", "'", '"', "#", "[", "]", "[[", "]]", "x", "\n  - slug: y\n", "\t", "|"]
    short_paths = 0
    for _ in range(300):
        reader = Reader()
        reader.parse(SMALL, "glossary.yaml", YEAR)
        text = SMALL
        for _ in range(rng.randint(1, 3)):
            at = rng.randrange(start, len(text))
            cut = rng.randint(0, 3)
            text = text[:at] + rng.choice(pieces) + text[at + cut :]
        assert again(reader, text) == whole(text), text
        short_paths += reader.rechecked is not None
    assert short_paths > 50  # the short path was taken often enough to be tested
