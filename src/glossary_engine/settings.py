"""A site's glossary settings, typed and checked, with one place for every default.

They live in the site's ``mkdocs.yml`` under ``extra: glossary:`` (the hook and ``glossary check``
both read them), so a glossary on any subject sets its own wording and content standard without
touching the engine:

.. code-block:: yaml

    extra:
      glossary:
        subject: AI                # in page descriptions: "AI concepts by the year..."
        standard:
          related: [3, 8]          # how many related terms each entry lists
          full_terms: 60           # how many of the most general terms need every section

Numbers left out scale with the glossary: a three-term glossary is not asked for sixty fully
written terms, nor for three related terms out of two others.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field, fields, replace
from typing import Any

FULL_SHARE = 0.13
"""Without ``full_terms``: this share of the terms (at most ``FULL_CAP``) needs every section."""
FULL_CAP = 60
RELATED = (3, 8)
"""Without ``related``: how many related terms an entry lists (fewer in a glossary of few terms)."""
PATH_STEPS = (5, 12)
"""Without ``path_steps``: how long a learning path is (shorter in a glossary of few terms)."""


class SettingsError(Exception):
    """The settings are wrong; ``problems`` lists every reason, each naming the setting."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass(frozen=True)
class Standard:
    """The content standard ``glossary check`` holds every entry to."""

    short_max: int = 160
    explanation_words: tuple[int, int] = (120, 300)
    questions: tuple[int, int] = (2, 4)
    # Left as None, these three follow the glossary's size (see the methods below).
    related: tuple[int, int] | None = None
    path_steps: tuple[int, int] | None = None
    full_terms: int | None = None

    def full_count(self, terms: int) -> int:
        """How many of the most general terms need every section, for a glossary of ``terms``."""
        if self.full_terms is not None:
            return min(self.full_terms, terms)
        return min(FULL_CAP, round(terms * FULL_SHARE))

    def related_for(self, terms: int) -> tuple[int, int]:
        """The related-terms range: as set, or 3–8, with no more asked than there are other terms."""
        if self.related is not None:
            return self.related
        low, high = RELATED
        return min(low, max(terms - 1, 0)), high

    def path_steps_for(self, terms: int) -> tuple[int, int]:
        """The learning-path length range: as set, or 5–12, with no more asked than there are terms."""
        if self.path_steps is not None:
            return self.path_steps
        low, high = PATH_STEPS
        return min(low, max(terms, 2)), high


@dataclass(frozen=True)
class Settings:
    """Everything a site can set about its glossary."""

    file: str = "glossary.yaml"
    cache_dir: str | None = ".cache/glossary"
    placeholder_url: str = "https://glossary.example.org/"
    subject: str = ""
    standard: Standard = field(default_factory=Standard)


_RANGES = ("explanation_words", "related", "path_steps", "questions")


def _check_standard(value: Any, where: str, problems: list[str]) -> Standard:
    if not isinstance(value, dict):
        problems.append(f"{where}: expected a mapping of content-standard numbers")
        return Standard()
    known = {f.name for f in fields(Standard)}
    changes: dict[str, Any] = {}
    for key, item in value.items():
        name = f"{where}.{key}"
        if key not in known:
            problems.append(f"{name}: unknown setting{_suggest(str(key), known)}")
        elif key in _RANGES:
            if (
                not isinstance(item, list)
                or len(item) != 2
                or not all(isinstance(n, int) and not isinstance(n, bool) and n >= 0 for n in item)
                or item[0] > item[1]
            ):
                problems.append(f"{name}: expected [least, most], two whole numbers, got {item!r}")
            else:
                changes[key] = (item[0], item[1])
        elif isinstance(item, bool) or not isinstance(item, int) or item < 0:
            if not (key == "full_terms" and item is None):
                problems.append(f"{name}: expected a whole number of at least 0, got {item!r}")
        else:
            changes[key] = item
    return replace(Standard(), **changes)


def _suggest(name: str, candidates: set[str]) -> str:
    close = difflib.get_close_matches(name, sorted(candidates), n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


def settings_from(value: Any, where: str = "extra.glossary") -> Settings:
    """The settings in ``value`` (the ``extra.glossary`` mapping; None for none), or SettingsError."""
    if value is None:
        return Settings()
    if not isinstance(value, dict):
        raise SettingsError([f"{where}: expected a mapping of glossary settings"])
    problems: list[str] = []
    known = {f.name for f in fields(Settings)}
    changes: dict[str, Any] = {}
    for key, item in value.items():
        name = f"{where}.{key}"
        if key not in known:
            problems.append(f"{name}: unknown setting{_suggest(str(key), known)}")
        elif key == "standard":
            changes[key] = _check_standard(item, name, problems)
        elif key == "cache_dir" and item is None:
            changes[key] = None
        elif not isinstance(item, str) or (key != "subject" and not item.strip()):
            problems.append(f"{name}: expected text, got {item!r}")
        elif key == "placeholder_url" and not item.startswith(("https://", "http://")):
            problems.append(f"{name}: expected an http(s) address, got {item!r}")
        else:
            changes[key] = item.strip()
    if problems:
        raise SettingsError(problems)
    return replace(Settings(), **changes)
