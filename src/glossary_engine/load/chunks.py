"""Each term's own lines of glossary.yaml, found without a YAML parser, and a digest of each.

A term's record is a function of its lines alone (where it sits in the file aside), so the digest of
its lines names what the term is: the page store keys a term page by it instead of encoding the whole
record again, and it costs one hash over the file. The split is textual: the ``terms:`` key at the
left margin, then one chunk per list item at the items' indentation. It is trusted only when it
agrees with the parsed glossary (as many chunks as terms, each naming its term's slug); otherwise there
are no digests and callers fall back to encoding the records.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

_TERMS_KEY = re.compile(r"^terms:[ \t]*(?:#[^\n]*)?\r?\n", re.MULTILINE)
_FIRST = re.compile(r"^( *)([^ \r\n#])", re.MULTILINE)  # the first line with content (not a comment)


def split(text: str) -> tuple[str, list[str], str] | None:
    """The text before the top-level ``terms:`` list's items, each item's text in order (comments and
    blank lines after an item belong to it), and the text after the list; or None when the layout is
    not the plain one this reads."""
    key = _TERMS_KEY.search(text)
    first = _FIRST.search(text, key.end()) if key else None
    if first is None or first.group(2) != "-":
        return None
    indent = len(first.group(1))
    # The list ends at the first line with content left of its items (or, for items at the margin, at
    # the margin and not an item): the next top-level key. Patterns start at a newline, which the
    # regular expression engine finds fast.
    edge = r"\n[^ \r\n#-]" if indent == 0 else rf"\n {{0,{indent - 1}}}[^ \r\n#]"
    stop = re.compile(edge).search(text, first.start())
    end = stop.start() + 1 if stop else len(text)
    item = re.compile(rf"\n {{{indent}}}-(?=[ \r\n])")
    starts = [first.start(), *(m.start() + 1 for m in item.finditer(text, first.start(), end))]
    chunks = [text[a:b] for a, b in zip(starts, [*starts[1:], end], strict=True)]
    return text[: starts[0]], chunks, text[end:]


def chunk_digest(chunk: str) -> str:
    """The digest of one term's lines."""
    return hashlib.blake2b(chunk.encode("utf-8"), digest_size=16).hexdigest()


def split_terms(text: str, slugs: Sequence[str]) -> tuple[str, list[str], str] | None:
    """``split(text)`` when it agrees with the parsed terms ``slugs`` (in file order): one chunk each,
    naming its slug. Otherwise None."""
    found = split(text)
    if found is None:
        return None
    chunks = found[1]
    if len(chunks) != len(slugs) or any(s not in c for s, c in zip(slugs, chunks, strict=True)):
        return None
    return found
