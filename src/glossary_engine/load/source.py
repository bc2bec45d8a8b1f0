"""Read a YAML file into plain Python values that remember where each value came from.

PyYAML's ``safe_load`` forgets positions and silently keeps the last of two duplicate keys. We read
libyaml's event stream instead and build ``Mapping``/``Sequence`` containers that carry the line and
column of every key and value, refuse aliases (a shared node can make a small file expand without
bound), report every duplicate key, and stop at a nesting depth no glossary needs.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from typing import Any, NamedTuple

import yaml

from .hints import hint
from .problems import Problem

try:  # The C parser is several times faster; fall back when PyYAML was built without libyaml.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_DECIMAL = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
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


MAX_CHARACTERS = 64 * 2**20
MAX_BYTES = 4 * MAX_CHARACTERS  # UTF-8 takes at most four bytes a character
MAX_DEPTH = 64
_SKIP = object()  # the value of a refused key: read, then dropped
_new_mark = tuple.__new__


class _Builder:
    """Builds located values straight from the parser's event stream, with a stack instead of
    recursion: libyaml's own composer recurses (a hostile file nested a hundred thousand levels deep
    would overflow the C stack), and skipping the node graph halves the time of reading."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self.aliases: list[Mark] = []
        self.stack: list[Mapping | Sequence] = []
        self.keys: list[Any] = []  # per open mapping: the key waiting for its value, or None
        self.root: Any = None
        self.has_root = False  # a document whose whole value is null is not an empty file
        self.resolver = yaml.resolver.Resolver()
        self.tags: dict[str, str] = {}  # plain scalar -> its resolved tag; keys repeat thousands of times
        self.constructor = yaml.constructor.SafeConstructor()

    def problem(self, mark: Mark, message: str) -> None:
        self.problems.append(Problem(self.path, mark.line, mark.column, None, message))

    def add(self, value: Any, mark: Mark, is_text: bool) -> None:
        """Put a finished value into the open container (or make it the root)."""
        if not self.stack:
            self.root = value
            self.has_root = True
            return
        parent = self.stack[-1]
        if isinstance(parent, Sequence):
            parent.append(value)
            parent.item_marks.append(mark)
            return
        key = self.keys[-1]
        if key is None:  # this value is a key
            if not is_text:
                self.problem(mark, "keys must be plain field names")
                self.keys[-1] = _SKIP
            elif value in parent.key_marks:
                first = parent.key_marks[value]
                self.problem(mark, f"duplicate key '{value}' (first given at line {first.line})")
                self.keys[-1] = _SKIP
            else:
                parent.key_marks[value] = mark
                self.keys[-1] = value
            return
        self.keys[-1] = None
        if key is not _SKIP:
            parent.value_marks[key] = mark
            parent[key] = value

    def scalar(self, event: Any) -> tuple[Any, bool]:
        """The scalar's value, and whether it is plain text (a key must be; it is never constructed)."""
        tag = event.tag
        if tag is None or tag == "!":
            if event.implicit[0]:  # plain: resolve (int, bool, null...), once per distinct short value
                tag = self.tags.get(event.value)
                if tag is None:
                    tag = self.resolver.resolve(yaml.ScalarNode, event.value, event.implicit)  # type: ignore[no-untyped-call]
                    if len(event.value) <= 64:
                        self.tags[event.value] = tag
            else:
                tag = _STR
        if tag == _STR:
            return event.value, True
        if self.stack and self.keys[-1] is None and isinstance(self.stack[-1], Mapping):
            return event.value, False
        if tag == _INT and event.tag is None and not _DECIMAL.fullmatch(event.value):
            # YAML 1.1 reads 0500 as octal (320), 1:30 as base 60 (90), 0x3e8 and 1_956 too. An editor
            # who wrote them meant the text as written: a number field then says it got text.
            return event.value, False
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        try:
            return self.constructor.construct_object(node, deep=True), False
        except Exception as error:  # PyYAML's constructors raise KeyError, IndexError... on odd values
            start = event.start_mark
            detail = getattr(error, "problem", None) or error
            self.problem(Mark(start.line + 1, start.column + 1), f"cannot read this value: {detail}")
            return None, False

    def feed(self, events: Any) -> Mark | None:
        """Read every event; stop early and return where if the document nests too deeply."""
        documents = 0
        for event in events:
            start = event.start_mark
            kind = type(event)
            if kind is yaml.ScalarEvent:
                value, is_text = self.scalar(event)
                # tuple.__new__ skips the named tuple's Python-level constructor: half a million calls
                self.add(value, _new_mark(Mark, (start.line + 1, start.column + 1, event.style)), is_text)
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                if len(self.stack) >= MAX_DEPTH:
                    return Mark(start.line + 1, start.column + 1)
                container: Mapping | Sequence
                if kind is yaml.MappingStartEvent:
                    container = Mapping()
                    container.key_marks, container.value_marks = {}, {}
                else:
                    container = Sequence()
                    container.item_marks = []
                container.mark = Mark(start.line + 1, start.column + 1)
                self.stack.append(container)
                self.keys.append(None)
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                container = self.stack.pop()
                self.keys.pop()
                self.add(container, container.mark, False)
            elif kind is yaml.AliasEvent:
                self.aliases.append(Mark(start.line + 1, start.column + 1))
                self.add(None, Mark(start.line + 1, start.column + 1), False)
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    message = "invalid YAML: a second document starts here; the file must hold one document"
                    self.problem(Mark(start.line + 1, start.column + 1), message)
                    return None
        return None


class UnreadableFile(Exception):
    """The file cannot be read as a glossary at all; the message says why, for a person."""


_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
)


def read_file(path: str | os.PathLike[str]) -> bytes:
    """The bytes of a regular file of at most ``MAX_BYTES``, or ``UnreadableFile``.

    A pull request can turn glossary.yaml into a symlink to /dev/zero (read whole, it exhausts
    memory) or into a named pipe (reading blocks for ever). So the file is opened without blocking,
    checked with ``fstat`` on the open descriptor (no swap between check and read), and read no
    further than the limit."""
    try:
        handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        raise UnreadableFile(f"cannot read the file: {error.strerror}") from None
    try:
        info = os.fstat(handle)
        kind = next((name for test, name in _KINDS if test(info.st_mode)), None)
        if kind is not None or not stat.S_ISREG(info.st_mode):
            raise UnreadableFile(f"is {kind or 'not a regular file'}, not a regular file; refusing to read it")
        limit = f"the limit is {MAX_BYTES:,} bytes"
        if info.st_size > MAX_BYTES:
            raise UnreadableFile(f"the file has {info.st_size:,} bytes; {limit}")
        chunks: list[bytes] = []
        size = 0
        while chunk := os.read(handle, 1 << 20):
            chunks.append(chunk)
            size += len(chunk)
            if size > MAX_BYTES:  # the file grew while being read
                raise UnreadableFile(f"the file has more than {MAX_BYTES:,} bytes; {limit}")
        return b"".join(chunks)
    except OSError as error:
        raise UnreadableFile(f"cannot read the file: {error.strerror}") from None
    finally:
        os.close(handle)


def _position(text: str, offset: int) -> tuple[int, int]:
    """The 1-based line and column of a character offset in ``text``."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def read_yaml(path: str, text: str) -> Document:
    """Parse ``text`` (the contents of ``path``) into located values; never raises for bad YAML."""
    lines = tuple(text.splitlines())
    if len(text) > MAX_CHARACTERS:
        message = f"the file has {len(text):,} characters; the limit is {MAX_CHARACTERS:,}"
        return Document(path, None, lines, (Problem(path, 1, 1, None, message),))
    builder = _Builder(path)
    try:
        deep = builder.feed(yaml.parse(text, Loader=_Loader))
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        detail = error.problem or str(error)
        if error.context:
            detail += f" {error.context}"
            if error.context_mark and error.context_mark.line + 1 != line:
                detail += f" that starts at line {error.context_mark.line + 1}"
        detail += hint(error, text, lines, _Loader)
        return Document(path, None, lines, (Problem(path, line, column, None, f"invalid YAML: {detail}"),))
    except yaml.reader.ReaderError as error:
        # A character YAML does not allow in a file (a raw control character, say): the reader knows
        # only its offset, so the line and column are worked out here.
        line, column = _position(text, error.position)
        code = error.character if isinstance(error.character, int) else ord(error.character)
        message = f"invalid YAML: the character U+{code:04X} is not allowed in a YAML file; remove it"
        return Document(path, None, lines, (Problem(path, line, column, None, message),))
    except yaml.YAMLError as error:
        return Document(path, None, lines, (Problem(path, 1, 1, None, f"invalid YAML: {error}"),))
    if deep is not None:
        message = f"the document nests deeper than {MAX_DEPTH} levels"
        return Document(path, None, lines, (Problem(path, deep.line, deep.column, None, message),))
    if builder.aliases:
        problems = tuple(Problem(path, m.line, m.column, None, _NO_ALIASES) for m in builder.aliases)
        return Document(path, None, lines, problems)
    if builder.problems and builder.problems[-1].message.startswith("invalid YAML: a second document"):
        return Document(path, None, lines, (builder.problems[-1],))
    if not builder.has_root and not builder.problems:
        return Document(path, None, lines, (Problem(path, 1, 1, None, "the file is empty"),))
    return Document(path, builder.root, lines, tuple(builder.problems))
