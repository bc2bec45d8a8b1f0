"""The one syntax for linking terms from prose: ``[[slug]]`` or ``[[slug|text shown]]``.

Text inside code (``inline`` or fenced) is left alone, so ``[[x]]`` can be shown literally.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

# The shown text may wrap onto the next line (editors wrap long lines), never across a blank line.
# Both parts are bounded, so a run of thousands of "[[" costs linear time, not quadratic: a slug is
# at most 80 characters (room is left for spaces around it), a shown text at most 300.
_LABEL = r"(?:[^\]\n]|\n(?![ \t]*\n)){1,300}?"
_LINK = re.compile(rf"\[\[\s*([^\]|\n]{{1,100}}?)\s*(?:\|\s*({_LABEL})\s*)?\]\]")
LINK_SPAN = rf"\[\[[^\]|\n]{{1,100}}(?:\|{_LABEL})?\]\]"
"""A whole ``[[…]]`` link, without groups: for patterns that must step over links."""
# Code as CommonMark sees it: a fence of three or more backticks or tildes runs to a closing fence of
# the same character at least as long, or to the end of the text; a code span is a run of backticks
# closed by a run of the same length.
CODE = (
    r"^[ ]{0,3}(?P<fence>`{3,}|~{3,})[^\n]*(?:\n.*?^[ ]{0,3}(?P=fence)[`~]*[ \t]*$|.*\Z)"  # a fence, closed or not
    r"|(?P<ticks>`+)(?!`).+?(?<!`)(?P=ticks)(?!`)"  # a code span
)
"""Code as CommonMark reads it (compile with DOTALL and MULTILINE); links inside it are text."""
_CODE = re.compile(CODE, re.DOTALL | re.MULTILINE)


@dataclass(frozen=True)
class ProseLink:
    """A ``[[…]]`` link found in a text: the slug, the optional shown text, and where it starts."""

    slug: str
    text: str | None
    offset: int


def _prose_spans(text: str) -> Iterator[tuple[int, int]]:
    """The (start, end) spans of ``text`` that are not code."""
    if "`" not in text and "~~~" not in text:  # most prose has no code: skip the pattern
        yield 0, len(text)
        return
    start = 0
    for code in _CODE.finditer(text):
        yield start, code.start()
        start = code.end()
    yield start, len(text)


def prose_outside_code(text: str) -> str:
    """``text`` with its code left out (for checks that must not look inside code)."""
    return " ".join(text[start:end] for start, end in _prose_spans(text))


def unclosed_links(text: str) -> Iterator[int]:
    """The offset of every ``[[`` outside code that does not start a well-formed link."""
    if "[[" not in text:
        return
    for start, end in _prose_spans(text):
        position = text.find("[[", start, end)
        while position >= 0:
            match = _LINK.match(text, position, end)
            if match is None:
                yield position
                position = text.find("[[", position + 2, end)
            else:
                position = text.find("[[", match.end(), end)


def find_links(text: str) -> Iterator[ProseLink]:
    """Yield every prose link in ``text`` in order, skipping code."""
    if "[[" not in text:
        return
    for start, end in _prose_spans(text):
        for match in _LINK.finditer(text, start, end):
            yield ProseLink(match.group(1), match.group(2), match.start())


# Where a sentence starts: the text's start, a paragraph, a list item, or after . ! ? and a space;
# emphasis markers may come between (a list item that starts "**[[slug]]**").
_SENTENCE_START = re.compile(
    r"(?:\A|\n[ \t]*\n|[.!?][\"”’)]?\s)\s*(?:(?:[-*+]|\d+[.)])\s+)?[*_]{0,3}\Z"
    r"|\n[ \t]*(?:[-*+]|\d+[.)])\s+[*_]{0,3}\Z"
)


_NEW_BLOCK = re.compile(r"\n[ \t]*\n|\n[ \t]*(?:[-*+]|\d+[.)])\s")
# A full stop after one of these words does not end a sentence.
_ABBREVIATIONS = {"e.g.", "i.e.", "etc.", "vs.", "cf.", "al.", "approx.", "fig.", "no."}


def _starts_sentence(text: str, at: int) -> bool:
    # \A matches only at the real start of the text, even when the search starts later.
    found = _SENTENCE_START.search(text, max(0, at - 40), at)
    if found is None:
        return False
    span = found.group()
    if span[:1] not in ".!?" or _NEW_BLOCK.search(span):
        return True  # the text's start, a paragraph or a list item: no full stop to doubt
    words = text[max(0, at - 40) : found.start() + 1].split()
    return not (words and words[-1].casefold() in _ABBREVIATIONS)


def replace_links(text: str, render: Callable[[str, str | None], str]) -> str:
    """Replace every prose link outside code by ``render(slug, text)``."""
    return replace_links_in_sentences(text, lambda slug, shown, first: render(slug, shown))


def replace_links_in_sentences(text: str, render: Callable[[str, str | None, bool], str]) -> str:
    """Replace every prose link outside code by ``render(slug, text, starts_sentence)``."""
    if "[[" not in text:
        return text
    parts = []
    done = 0
    for start, end in _prose_spans(text):
        for match in _LINK.finditer(text, start, end):
            first = _starts_sentence(text, match.start())
            parts.append(text[done : match.start()])
            parts.append(render(match.group(1), match.group(2), first))
            done = match.end()
    parts.append(text[done:])
    return "".join(parts)
