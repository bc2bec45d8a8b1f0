"""What glossary text may contain: the rules every text value meets before anything renders it.

One-line fields (titles, definitions, aliases, questions, citations) are plain text. They reach
places that later read text back as HTML: Material's tooltips assign a link's ``title`` and a cut-off
navigation entry's text to ``innerHTML``. So one-line text may not look like markup, and every
``title`` attribute we write goes through ``tooltip`` as well (two locks for one door).

Every text value, prose included, is also kept free of control characters (a terminal escape in a
title would reach whoever runs ``glossary stats``) and of bidirectional overrides, which can make
text read differently from what it is. A word that mixes Latin, Cyrillic or Greek letters is almost
always a look-alike letter (Cyrillic "Р" for Latin "P") that would let two names seem one.
"""

from __future__ import annotations

import re
import unicodedata

from .schema import LINE_MAX

# C0 and C1 controls and DEL, except tab and newline in prose; bidirectional embeddings, overrides
# and isolates; the BOM/zero-width no-break space and the line/paragraph separators.
_CONTROL_IN_PROSE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff\u2028\u2029]")
_CONTROL_IN_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff\u2028\u2029]")
# Characters that show nothing: format characters (zero-width space, soft hyphen, word joiner...)
# other than the joiners some scripts and emoji need, and the fillers and blanks that are letters or
# symbols yet draw nothing. In a name they make two names look alike.
_JOINERS = frozenset("\u200c\u200d")
_BLANKS = frozenset("\u115f\u1160\u3164\uffa0\u2800\u034f")
# What an HTML parser would start a tag, a comment or a declaration with.
_MARKUP = re.compile(r"<[A-Za-z/!?]")
_WORD = re.compile(r"[^\W\d_]+")
# Scripts whose letters look like Latin ones; a word may use one of them, not two.
_LOOKALIKE_SCRIPTS = frozenset({"LATIN", "CYRILLIC", "GREEK", "ARMENIAN", "CHEROKEE", "COPTIC"})


def _describe_character(character: str) -> str:
    name = unicodedata.name(character, "")
    code = f"U+{ord(character):04X}"
    return f"{code} {name}" if name else code


def _script(letter: str) -> str | None:
    name = unicodedata.name(letter, "")
    script = name.split(" ", 1)[0]
    return script if script in _LOOKALIKE_SCRIPTS else None


def mixed_script_word(text: str) -> str | None:
    """The first word of ``text`` that mixes letters of look-alike scripts, or None."""
    word: str
    for word in _WORD.findall(text):
        if word.isascii():
            continue
        scripts = {script for letter in word if (script := _script(letter))}
        if len(scripts) > 1:
            return word
    return None


def prose_problem(text: str) -> str | None:
    """Why ``text`` (Markdown prose) cannot be used, or None."""
    bad = _CONTROL_IN_PROSE.search(text)
    if bad:
        return f"contains the control character {_describe_character(bad.group())}; remove it"
    return None


def line_problem(text: str, maximum: int = LINE_MAX) -> str | None:
    """Why ``text`` (an already stripped one-line value) cannot be used, or None."""
    bad = _CONTROL_IN_LINE.search(text)
    if bad:
        return f"contains the control character {_describe_character(bad.group())}; remove it"
    if len(text) > maximum:
        return f"{len(text):,} characters; the limit is {maximum:,}"
    hidden = next((c for c in text if c in _BLANKS or (unicodedata.category(c) == "Cf" and c not in _JOINERS)), None)
    if hidden is not None:
        return f"contains the invisible character {_describe_character(hidden)}; remove it"
    if not any(unicodedata.category(c)[0] in "LNS" for c in text):
        return "has no visible letter, digit or symbol"
    markup = _MARKUP.search(text)
    if markup:
        start = markup.start()
        shown = text[start : start + 12] + ("…" if len(text) > start + 12 else "")
        return f"looks like HTML markup ({shown}); one-line fields are plain text"
    word = mixed_script_word(text)
    if word:
        scripts = sorted({s for letter in word if (s := _script(letter))})
        return f"'{word}' mixes {' and '.join(s.title() for s in scripts)} letters (a look-alike letter?)"
    return None


def printable(text: str) -> str:
    """``text`` safe to print on a terminal: every character that is not printable (controls,
    escapes, bidirectional overrides) is shown as an escape such as ``\\x1b`` instead."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)


def normalize(text: str) -> str:
    """The form text is kept in: Unicode NFC, so one name is one sequence of code points."""
    return unicodedata.normalize("NFC", text)


def tooltip(text: str) -> str:
    """Text for a ``title`` attribute (escape it for the attribute as usual afterwards).

    Material's tooltips put a ``title`` into ``innerHTML``. With ``<`` written as an entity no tag
    can start there, whatever the text holds; an ``&`` needs no escape, since an entity decoded by
    ``innerHTML`` only ever becomes text."""
    return text.replace("<", "&lt;")
