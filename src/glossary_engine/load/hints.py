"""Hints for the YAML mistakes editors make most, added to libyaml's own words.

libyaml says what it met ("mapping values are not allowed in this context"), not what the editor did
("a value with ': ' in it needs quotes"). Each rule below recognises one common slip from the error,
its position and the lines around it, and names the fix. A rule that is not sure says nothing: a wrong
hint sends an editor the wrong way, which is worse than no hint.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import yaml

from . import schema
from .schema import FIELD_NAMES

TAB_HINT = "tabs are not allowed for indentation; use spaces"
_EXAMPLE_MAX = 100  # longer values are not repeated in a hint; the rule alone says what to do
# Characters that cannot start a plain (unquoted) YAML value; a value that starts with one is quoted.
_INDICATORS = "@`%&*|>"
_LEAD = re.compile(r"( *)(?:(-)(?: +|$))?")
_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*):(?: +|$)")
_DASH_WITHOUT_SPACE = re.compile(r" *-([A-Za-z_][A-Za-z0-9_-]*):(?: |$)")
_NO_SPACE_AFTER_COLON = re.compile(r" *(?:- +)?([A-Za-z_][A-Za-z0-9_-]*):(\S)")
_TEXT_KINDS = (schema.LINE, schema.MARKDOWN)
_LIST_KINDS = (schema.TERM_REFS, schema.SLUGS, schema.LINES, schema.MARKDOWN_LIST, schema.RECORDS)
# Fields whose value is text wherever they occur: only there is "quote the value" the right advice (a
# year or a slug with a stray character needs the character removed, not quotes).
_TEXT_FIELDS = frozenset(f.name for f in schema.ALL_FIELDS) - frozenset(
    f.name for f in schema.ALL_FIELDS if f.kind not in _TEXT_KINDS
)
_LIST_FIELDS = frozenset(f.name for f in schema.ALL_FIELDS) - frozenset(
    f.name for f in schema.ALL_FIELDS if f.kind not in _LIST_KINDS
)


@dataclass(frozen=True)
class _Entry:
    """One line read as YAML block structure: an optional '- ', an optional 'key:', then a value."""

    indent: int  # leading spaces
    dash: bool
    key: str | None
    key_column: int  # 1-based column of the key (or of the value when there is no key)
    value: str  # the rest of the line, stripped of trailing space ("" when none)
    value_column: int  # 1-based


def _entry(line: str) -> _Entry:
    lead = _LEAD.match(line)
    assert lead is not None  # the pattern matches the empty string
    start = lead.end()
    key = _KEY.match(line, start)
    value_start = key.end() if key else start
    return _Entry(
        len(lead.group(1)),
        lead.group(2) is not None,
        key.group(1) if key else None,
        start + 1,
        line[value_start:].rstrip(),
        value_start + 1,
    )


def _holds_text(entry: _Entry) -> bool:
    """Whether the value on this line is text: a text field's, or a plain list item's (an alias, an example)."""
    return entry.key in _TEXT_FIELDS if entry.key is not None else entry.dash


def _prefix(entry: _Entry) -> str:
    """How the line writes what comes before its value: "- ", "short: " or "- question: "."""
    return ("- " if entry.dash else "") + (f"{entry.key}: " if entry.key is not None else "")


def _quote(text: str) -> str:
    """``text`` as a YAML quoted value that reads back as exactly ``text``."""
    if '"' not in text and "\\" not in text:
        return f'"{text}"'
    return "'" + text.replace("'", "''") + "'"


def _example(prefix: str, text: str) -> str | None:
    """``prefix`` and ``text`` quoted, to show in a hint; None when too long, or when a comment may hide in it."""
    if len(text) > _EXAMPLE_MAX or " #" in text or not text.isprintable():
        return None
    return prefix + _quote(text)


@dataclass(frozen=True)
class _Error:
    """A libyaml error, with 1-based positions and the file's lines."""

    problem: str
    context: str
    line: int
    column: int
    context_line: int | None
    context_column: int | None
    index: int
    context_index: int | None
    text: str
    lines: Sequence[str]
    loader: Any  # the parser that reported the error, to scan the text again

    def at(self, number: int) -> str:
        return self.lines[number - 1] if 0 < number <= len(self.lines) else ""


def _tab(error: _Error) -> str | None:
    line = error.at(error.line)
    leading = line[: len(line) - len(line.lstrip(" \t"))]
    if "\t" in leading or "tab" in error.problem or line[error.column - 1 : error.column] == "\t":
        return TAB_HINT
    return None


def _last_token_before(error: _Error) -> Any:
    """The last token that starts before the error (scanning again, up to the error only)."""
    last = None
    try:
        for token in yaml.scan(error.text, Loader=error.loader):
            if token.start_mark.index >= error.index:
                break
            last = token
    except yaml.YAMLError:
        pass  # the scanner stops at the error itself; the tokens before it are what matters
    return last


def _after_closing_quote(error: _Error) -> str | None:
    """A quoted value is followed by more text: a quote inside the text, or a quote never closed."""
    before = error.at(error.line)[: error.column - 1].rstrip()
    if not before.endswith(("'", '"')):
        return None
    token = _last_token_before(error)
    if not isinstance(token, yaml.ScalarToken) or token.style not in ("'", '"'):
        return None
    quote = token.style
    start_line, start_column = token.start_mark.line + 1, token.start_mark.column + 1
    if token.end_mark.line + 1 != error.line:
        return None
    if start_line != error.line:
        return (
            f"the value quoted with {quote} at line {start_line}, column {start_column} runs on to the {quote}"
            f" just before this; is its closing {quote} missing on line {start_line}?"
        )
    line = error.at(error.line)
    raw = line[start_column - 1 :].rstrip()
    inner = raw[1:-1] if len(raw) > 1 and raw.endswith(quote) else raw
    said = f"the quoted value ends with the {quote} in column {token.end_mark.column}, but more text follows"
    # An example only where the quoted value is the whole value of a text field or list item, not inside [a, b].
    entry = _entry(line)
    if entry.value_column != start_column or not _holds_text(entry):
        return said
    example = _example(_prefix(entry), inner)
    if example is None:
        return f"{said}; if the quote marks belong to the text, quote the whole value with the other kind of quote"
    return f"{said}; if the quote marks belong to the text, write {example}"


def _indicator(error: _Error) -> str | None:
    """A value starts with a character YAML reserves (@, `, %, &, *, |, >, '- ', '[[')."""
    entry = _entry(error.at(error.line))
    value, column = entry.value, entry.value_column
    if not value or (entry.key is None and not entry.dash):
        return None
    if entry.key in _LIST_FIELDS and value.startswith("- ") and column == error.column:
        return f"the items of a list go on the lines below '{entry.key}:', each starting with '- '"
    if not _holds_text(entry):
        return None
    if value.startswith("[["):
        if error.column <= column:
            return None
        lead = "[["  # a [[link]] at the start of a value is read as a list in a list
    elif value.startswith("- ") or value == "-":
        if column != error.column or "block sequence entries" not in error.problem:
            return None
        lead = "- "
    elif value[0] in _INDICATORS:
        here = (error.line, column)
        if here not in ((error.line, error.column), (error.context_line, error.context_column)):
            return None
        lead = value[0]
    else:
        return None
    example = _example(_prefix(entry), value)
    rule = f'a value that starts with "{lead}" must be quoted'
    if lead in "|>":
        rule = (
            f"after {lead} the text starts on the next line, indented; a value that starts with {lead} must be quoted"
        )
    return f"{rule}: {example}" if example else rule


def _continued_key(error: _Error) -> tuple[int, _Entry] | None:
    """The line and entry whose plain value the error's line continues, if it continues one."""
    indent = _entry(error.at(error.line)).indent
    for number in range(error.line - 1, 0, -1):
        line = error.at(number)
        if not line.strip():
            continue
        if line.lstrip().startswith("#"):
            return None  # a comment ends a plain value
        entry = _entry(line)
        if entry.key is None and not entry.dash and not _DASH_WITHOUT_SPACE.match(line):
            continue  # an earlier line of the same value
        if _DASH_WITHOUT_SPACE.match(line):
            return number, entry
        if entry.key is None or entry.key_column - 1 >= indent or not entry.value:
            return None
        if entry.value[0] in "'\"[{|>&*!%@`#":
            return None
        return number, entry
    return None


def _colon(error: _Error) -> str | None:
    """A colon followed by a space (or ending a line) inside a value YAML reads as a new key."""
    if "mapping values are not allowed" not in error.problem:
        return None
    line = error.at(error.line)
    if line[error.column - 1 : error.column] != ":":
        return None
    ends_line = not line[error.column :].strip()
    what = 'ends with ":"' if ends_line else 'contains ": "'
    entry = _entry(line)
    if entry.key in FIELD_NAMES and entry.value and error.column > entry.value_column:
        if entry.value[0] in "'\"[{|>&*!%@`" or not _holds_text(entry):
            return None
        rule = f"a value that {what} must be quoted"
        if _continues(error, entry):
            return f"{rule}; here the value goes on to the next line, so quote all of it"
        example = _example(_prefix(entry), entry.value)
        return f"{rule}: {example}" if example else rule
    if re.search(r":(?: |$)", line[: error.column - 1]):
        return None  # YAML read a key earlier on this line, so the line is not the rest of a value
    found = _continued_key(error)
    if found is None:
        return None
    number, owner = found
    dashed = _DASH_WITHOUT_SPACE.match(error.at(number))
    if dashed:
        return (
            f"line {number} starts with '-{dashed.group(1)}:'; a list item needs a space after its '-':"
            f" '- {dashed.group(1)}:'"
        )
    if entry.key in FIELD_NAMES and error.column == entry.key_column + len(entry.key) and not entry.dash:
        return (
            f"'{entry.key}:' is indented deeper than '{owner.key}:' on line {number}, so it is read as more of"
            f" that value, not as a field; start it in column {owner.key_column}, like '{owner.key}:'"
        )
    if not _holds_text(owner):
        return None
    where = "the end of a line" if ends_line else 'a ": "'
    return (
        f"line {error.line} continues the value of '{owner.key}:' from line {number}, and a value with {where}"
        " must be quoted"
    )


def _continues(error: _Error, entry: _Entry) -> bool:
    """Whether the plain value on the error's line goes on to the next lines."""
    for number in range(error.line + 1, len(error.lines) + 1):
        line = error.at(number)
        if line.strip():
            return not line.lstrip().startswith("#") and _entry(line).indent > entry.key_column - 1
    return False


def _list_indentation(error: _Error) -> str | None:
    """A list item, or a field of one, that does not line up with the list it belongs to."""
    if error.context_line is None or error.context_column is None:
        return None
    entry = _entry(error.at(error.line))
    if entry.indent + 1 != error.column:
        return None
    start, column = error.context_line, error.context_column
    if "expected key" in error.problem and "block mapping" in error.context and entry.dash:
        return (
            f"a list item cannot stand among the fields of the mapping that starts at line {start}:"
            " line up its '-' with the '-' of the other items of its list"
        )
    if "expected '-' indicator" not in error.problem or "block collection" not in error.context:
        return None
    if _entry(error.at(start)).indent + 1 != column:
        return None  # the list starts after another '-' on its line ("- - x"): too unusual to guess
    if entry.dash:
        return (
            f"this item's '-' is in column {error.column}, but the items of the list that starts at line {start}"
            f" have theirs in column {column}"
        )
    if entry.key is None:
        return None
    item = next(
        (n for n in range(error.line - 1, start - 1, -1) if _entry(error.at(n)).indent + 1 == column),
        None,
    )
    first = _entry(error.at(item)) if item is not None else None
    if first is None or not first.dash:
        return None
    if error.column == column:
        if entry.key == first.key:  # a second item that starts like the one above, but without its '-'
            return (
                f"the items of the list that starts at line {start} begin with '- ' in column {column}; to start a"
                f" new item here, write '- ' before '{entry.key}:'"
            )
        parent = _parent_key(error, start)
        if parent is None:
            return None
        number, owner = parent
        return (
            f"'{entry.key}:' is indented like the '-' of the list under '{owner.key}:' on line {number}; to make it"
            f" a field beside '{owner.key}:', start it in column {owner.key_column}"
        )
    if first.key is not None and error.column < first.key_column:
        return (
            f"the fields of the item that starts at line {item} begin in column {first.key_column};"
            f" this one begins in column {error.column}"
        )
    return None


def _parent_key(error: _Error, start: int) -> tuple[int, _Entry] | None:
    """The 'name:' line whose value is the block list that starts at line ``start``."""
    for number in range(start - 1, 0, -1):
        line = error.at(number)
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        entry = _entry(line)
        return (number, entry) if entry.key is not None and not entry.value else None
    return None


def _unclosed_list(error: _Error) -> str | None:
    """A [list] or {mapping} written on one line whose closing bracket is missing."""
    if error.context_line is None or error.context_column is None or error.context_line == error.line:
        return None
    if "flow sequence" in error.context:
        opening, closing, what = "[", "]", "list"
    elif "flow mapping" in error.context:
        opening, closing, what = "{", "}", "mapping"
    else:
        return None
    if f"expected ',' or '{closing}'" not in error.problem:
        return None
    if error.at(error.context_line)[error.context_column - 1 : error.context_column] != opening:
        return None
    assert error.context_index is not None
    opened = error.context_index
    if closing in error.text[opened : error.index] or opening in error.text[opened + 1 : error.index]:
        return None
    return (
        f"the {what} that opens with {opening} at line {error.context_line}, column {error.context_column} is not"
        f" closed; end it with {closing}"
    )


def _unclosed_quote(error: _Error) -> str | None:
    """A quote opened and never closed, up to the end of the file."""
    if "end of stream" not in error.problem or "quoted scalar" not in error.context or error.context_line is None:
        return None
    assert error.context_column is not None
    quote = error.at(error.context_line)[error.context_column - 1 : error.context_column]
    if quote not in ("'", '"'):
        return None
    return f"the {quote} at line {error.context_line}, column {error.context_column} opens a value that is never closed"


def _escape(error: _Error) -> str | None:
    """A backslash in a double-quoted value (a Windows path, a LaTeX command) that is not a YAML escape."""
    if "unknown escape character" not in error.problem or "quoted scalar" not in error.context:
        return None
    return "in a \"-quoted value a \\ starts an escape: write \\\\ for a backslash, or quote the value with ' instead"


def _not_a_field(error: _Error) -> str | None:
    """A line YAML tried to read as 'name: value' that has no colon: usually text that lost its indentation."""
    if "expected ':'" not in error.problem or "simple key" not in error.context or error.context_line is None:
        return None
    line = error.at(error.context_line)
    glued = _NO_SPACE_AFTER_COLON.match(line)
    if glued and glued.group(1) in FIELD_NAMES:
        return f"'{glued.group(1)}:' needs a space after the ':' to be read as a field"
    if _KEY.search(line) or ": " in line:
        return None
    return (
        f"line {error.context_line} is not 'name: value'; if it is a field, add the ':', and if it belongs to the"
        " text above it, indent it like that text"
    )


_RULES: tuple[Callable[[_Error], str | None], ...] = (
    _tab,
    _after_closing_quote,
    _indicator,
    _colon,
    _list_indentation,
    _unclosed_list,
    _unclosed_quote,
    _escape,
    _not_a_field,
)


def hint(error: yaml.MarkedYAMLError, text: str, lines: Sequence[str], loader: Any) -> str:
    """A hint for ``error`` in parentheses, starting with a space, or "" when no rule recognises it.

    ``loader`` is the PyYAML loader class that reported the error; a rule may scan the text with it."""
    mark = error.problem_mark or error.context_mark
    if mark is None:
        return ""
    context = error.context_mark
    found = _Error(
        error.problem or "",
        error.context or "",
        mark.line + 1,
        mark.column + 1,
        context.line + 1 if context else None,
        context.column + 1 if context else None,
        mark.index,
        context.index if context else None,
        text,
        lines,
        loader,
    )
    for rule in _RULES:
        said = rule(found)
        if said:
            return f" ({said})"
    return ""
