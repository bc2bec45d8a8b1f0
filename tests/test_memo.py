"""Pieces remembered between builds in one process (mkdocs serve): reused only for the very same model
object and equal arguments, and forgotten once a build does not ask for them."""

from __future__ import annotations

from dataclasses import dataclass

from glossary_engine.memo import Pieces


@dataclass(frozen=True)
class Thing:
    name: str


def test_a_piece_is_made_again_for_another_object_or_other_arguments() -> None:
    made: list[tuple[str, str]] = []

    def make(thing: Thing, suffix: str) -> str:
        made.append((thing.name, suffix))
        return thing.name + suffix

    pieces = Pieces()
    pieces.remember = True  # as in a serving process
    first, twin = Thing("a"), Thing("a")
    assert pieces.of(make, first, "!") == "a!"
    assert pieces.of(make, first, "!") == "a!"
    assert pieces.of(make, twin, "!") == "a!"  # equal, but not the same object: made again
    assert pieces.of(make, first, "?") == "a?"
    assert made == [("a", "!"), ("a", "!"), ("a", "?")]


def test_a_piece_lives_one_build_past_its_last_use() -> None:
    calls: list[str] = []

    def make(thing: Thing) -> str:
        calls.append(thing.name)
        return thing.name.upper()

    pieces = Pieces()
    pieces.remember = True
    kept, dropped = Thing("kept"), Thing("dropped")
    pieces.of(make, kept)
    pieces.of(make, dropped)
    pieces.next_build()
    assert pieces.of(make, kept) == "KEPT"  # the last build's
    pieces.next_build()
    pieces.next_build()
    assert pieces.of(make, dropped) == "DROPPED"  # not asked for in a whole build: made again
    assert calls == ["kept", "dropped", "dropped"]


def test_a_process_that_does_not_serve_remembers_nothing() -> None:
    calls: list[str] = []

    def make(thing: Thing) -> str:
        calls.append(thing.name)
        return thing.name

    pieces = Pieces()
    thing = Thing("once")
    pieces.of(make, thing)
    pieces.of(make, thing)
    assert calls == ["once", "once"]
