"""Read a YAML file into plain Python values that remember where each value came from.

PyYAML's ``safe_load`` forgets positions and silently keeps the last of two duplicate keys. We compose
the node graph instead, refuse anchors and aliases (a shared node can make a small file expand without
bound), report every duplicate key, and turn nodes into ``Mapping``/``Sequence`` containers that carry
the line and column of every key and value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, NamedTuple

import yaml

from .problems import Problem

try:  # The C parser is several times faster; fall back when PyYAML was built without libyaml.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


_STR = "tag:yaml.org,2002:str"
_NO_ALIASES = "YAML aliases (*name) are not allowed; write the value out"


class Mark(NamedTuple):
    """A 1-based position in the source file, and the YAML scalar style found there."""

    line: int
    column: int
    style: str | None = None


class Mapping(dict[str, Any]):
    """A YAML mapping: a dict whose keys and values know their positions."""

    mark: Mark
    key_marks: dict[str, Mark]
    value_marks: dict[str, Mark]


class Sequence(list[Any]):
    """A YAML sequence: a list whose items know their positions."""

    mark: Mark
    item_marks: list[Mark]


@dataclass(frozen=True)
class Document:
    """A parsed YAML file: its root value, its lines (for locating text inside scalars), its problems."""

    path: str
    root: Any
    lines: tuple[str, ...]
    problems: tuple[Problem, ...]


def _mark(node: yaml.Node) -> Mark:
    start = node.start_mark
    return Mark(start.line + 1, start.column + 1, getattr(node, "style", None))


class _Converter:
    """Turns a composed node graph into located Python values, collecting problems on the way."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self.seen: set[int] = set()
        self.aliased = False
        self.constructor = yaml.constructor.SafeConstructor()

    def problem(self, mark: Mark, message: str) -> None:
        self.problems.append(Problem(self.path, mark.line, mark.column, None, message))

    def convert(self, node: yaml.Node) -> Any:
        if id(node) in self.seen:
            self.aliased = True
            return None
        self.seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node)
        if isinstance(node, yaml.SequenceNode):
            return self.sequence(node)
        if node.tag == _STR:  # the common case, without the constructor's bookkeeping
            return node.value
        try:
            return self.constructor.construct_object(node, deep=True)
        except yaml.YAMLError as error:
            self.problem(_mark(node), f"cannot read this value: {getattr(error, 'problem', error)}")
            return None

    def mapping(self, node: yaml.MappingNode) -> Mapping:
        result = Mapping()
        result.mark = _mark(node)
        result.key_marks = {}
        result.value_marks = {}
        for key_node, value_node in node.value:
            key_mark = _mark(key_node)
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != "tag:yaml.org,2002:str":
                self.problem(key_mark, "keys must be plain field names")
                continue
            key = str(key_node.value)
            if key in result.key_marks:
                first = result.key_marks[key]
                self.problem(key_mark, f"duplicate key '{key}' (first given at line {first.line})")
                continue
            result.key_marks[key] = key_mark
            result.value_marks[key] = _mark(value_node)
            result[key] = self.convert(value_node)
        return result

    def sequence(self, node: yaml.SequenceNode) -> Sequence:
        result = Sequence()
        result.mark = _mark(node)
        result.item_marks = []
        for item in node.value:
            result.item_marks.append(_mark(item))
            result.append(self.convert(item))
        return result


MAX_CHARACTERS = 64 * 2**20
MAX_DEPTH = 64
_NOT_BRACKETS = re.compile(r"[^\[\]{}]+")


def _too_deep_estimate(text: str) -> bool:
    """Whether the document might nest deeper than MAX_DEPTH: a cheap upper bound from the deepest run
    of unclosed flow brackets plus the longest indentation (``- - -`` runs included).

    Brackets inside strings (``[[slug]]`` links) can only make it larger, never smaller.
    """
    depth = deepest = 0
    for bracket in _NOT_BRACKETS.sub("", text):
        if bracket in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif depth:
            depth -= 1
    room = MAX_DEPTH - deepest  # the indentation (in characters) that would take the bound past MAX_DEPTH
    deep_indent = re.compile(rf"[ -]{{{room + 1}}}") if room >= 0 else None
    if deep_indent is None or deep_indent.match(text):
        return True
    # Searching for a newline first lets the regex engine skip ahead (an anchored ^ with MULTILINE does not).
    return re.search(rf"\n[ -]{{{room + 1}}}", text) is not None


def _too_deep(text: str) -> Mark | None:
    """Where the document first nests deeper than MAX_DEPTH, found from the parser's event stream.

    This runs before composing, because libyaml composes recursively and a hostile file nested a
    hundred thousand levels deep would overflow the C stack.
    """
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                start = event.start_mark
                return Mark(start.line + 1, start.column + 1) if start else Mark(1, 1)
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
    return None


def read_yaml(path: str, text: str) -> Document:
    """Parse ``text`` (the contents of ``path``) into located values; never raises for bad YAML."""
    lines = tuple(text.splitlines())
    if len(text) > MAX_CHARACTERS:
        message = f"the file has {len(text):,} characters; the limit is {MAX_CHARACTERS:,}"
        return Document(path, None, lines, (Problem(path, 1, 1, None, message),))
    try:
        deep = _too_deep(text) if _too_deep_estimate(text) else None
        if deep is not None:
            message = f"the document nests deeper than {MAX_DEPTH} levels"
            return Document(path, None, lines, (Problem(path, deep.line, deep.column, None, message),))
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        detail = error.problem or str(error)
        if error.context:
            detail += f" {error.context}"
            if error.context_mark and error.context_mark.line + 1 != line:
                detail += f" that starts at line {error.context_mark.line + 1}"
        if "\t" in (lines[line - 1] if 0 < line <= len(lines) else ""):
            detail += " (tabs are not allowed for indentation; use spaces)"
        return Document(path, None, lines, (Problem(path, line, column, None, f"invalid YAML: {detail}"),))
    except yaml.YAMLError as error:
        return Document(path, None, lines, (Problem(path, 1, 1, None, f"invalid YAML: {error}"),))
    if node is None:
        return Document(path, None, lines, (Problem(path, 1, 1, None, "the file is empty"),))
    converter = _Converter(path)
    root = converter.convert(node)
    if converter.aliased:
        # A node reached twice came from an alias; the alias events know where each alias was written.
        marks = [e.start_mark for e in yaml.parse(text, Loader=_Loader) if isinstance(e, yaml.AliasEvent)]
        problems = [Problem(path, m.line + 1, m.column + 1, None, _NO_ALIASES) for m in marks if m is not None]
        return Document(path, None, lines, tuple(problems))
    return Document(path, root, lines, tuple(converter.problems))
