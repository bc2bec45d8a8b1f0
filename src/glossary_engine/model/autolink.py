"""Link the first mention of another term in a term's prose, where the editor did not link it.

A mention is a term's title or alias of two or more words or an acronym (or its plural with a final
"s"), matched as whole words,
ignoring case except for acronyms (all capitals, so the alias "CLIP" never matches the verb
"clip"). Code, headings, HTML, existing links and ``[[…]]`` links are never touched; the page's own
term and terms the page already links are skipped. Editors switch it off per term with
``autolink: false``.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass

from ..memo import PIECES
from .links import CODE, LINK_SPAN, find_links
from .records import Term

# Regions of Markdown that are never searched: fenced and inline code, links and images, prose
# links, raw HTML tags, bare URLs, and heading lines.
_PROTECTED = re.compile(
    rf"{CODE}"
    rf"|{LINK_SPAN}"
    r"|!?\[[^\]\n]*\]\([^)\n]*\)"
    r"|<[^>\n]+>"
    r"|https?://\S+"
    r"|^[ \t]*#.*$",
    re.DOTALL | re.MULTILINE,
)
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’-]*")


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


def _is_acronym(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters) and " " not in name


def _names_of(term: Term) -> tuple[tuple[bool, str, str, int], ...]:
    """The names ``term`` is linked by, each as (an acronym?, its key, its folded first word, its
    number of words). One-word aliases ("Precision", "Prediction") too often mean something else in
    running text; titles, longer aliases and acronyms are specific enough."""
    specific = [a for a in term.aliases if _is_acronym(a) or len(_WORD.findall(a)) > 1]
    entries = []
    for name in (term.title, *specific):
        acronym = _is_acronym(name)
        words = _WORD.findall(name)
        entries.append((acronym, name if acronym else _key(name), words[0].casefold() if words else "", len(words)))
    return tuple(entries)


@dataclass(frozen=True, eq=False)
class Autolinker:
    """Every name that can be linked, and the longest name in words, built once per build. Two
    autolinkers with the same ``digest`` link alike: they compare equal, so what one linked can be
    reused under the other (memo.py)."""

    names: dict[str, str]  # folded name -> slug
    acronyms: dict[str, str]  # exact acronym -> slug
    starts: dict[str, int]  # folded first word of a name -> most words in a name starting with it
    digest: str = ""

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Autolinker) and other.digest == self.digest

    def __hash__(self) -> int:
        return hash(self.digest)

    @classmethod
    def build(cls, terms: tuple[Term, ...]) -> Autolinker:
        """The names of ``terms``; when two terms share a name the first in the file keeps it."""
        names: dict[str, str] = {}
        acronyms: dict[str, str] = {}
        starts: dict[str, int] = {}
        for term in terms:
            for acronym, key, first, count in PIECES.of(_names_of, term):
                if acronym:
                    acronyms.setdefault(key, term.slug)
                else:
                    names.setdefault(key, term.slug)
                if count:
                    starts[first] = max(starts.get(first, 0), count)
        text = json.dumps([names, acronyms, starts], ensure_ascii=False, separators=(",", ":"))
        return cls(names, acronyms, starts, hashlib.sha256(text.encode("utf-8")).hexdigest())

    def _match(self, candidate: str) -> str | None:
        if candidate in self.acronyms:
            return self.acronyms[candidate]
        key = _key(candidate)
        if key in self.names:
            return self.names[key]
        if key.endswith("s") and key[:-1] in self.names:
            return self.names[key[:-1]]
        return None

    def _link_free_text(self, text: str, skip: set[str]) -> str:
        starts = self.starts
        words = list(_WORD.finditer(text))
        out: list[str] = []
        done = 0
        i = 0
        count = len(words)
        while i < count:
            # Only positions where some name starts are tried: a dictionary look-up per word.
            folded = words[i].group().casefold()
            longest = starts.get(folded, 0)
            if folded.endswith("s"):
                longest = max(longest, starts.get(folded[:-1], 0))
            for n in range(min(longest, count - i), 0, -1):
                start, end = words[i].start(), words[i + n - 1].end()
                slug = self._match(text[start:end])
                if slug is not None and slug not in skip and "\n\n" not in text[start:end]:
                    out.append(text[done:start] + f"[[{slug}|{text[start:end]}]]")
                    done = end
                    skip.add(slug)
                    i += n
                    break
            else:
                i += 1
        return "".join(out) + text[done:]

    def link(self, text: str, skip: set[str]) -> str:
        """``text`` with first mentions linked; ``skip`` (slugs not to link) grows as links are made."""
        parts = []
        done = 0
        for protected in _PROTECTED.finditer(text):
            parts.append(self._link_free_text(text[done : protected.start()], skip))
            parts.append(protected.group())
            done = protected.end()
        parts.append(self._link_free_text(text[done:], skip))
        return "".join(parts)


def already_linked(term: Term) -> set[str]:
    """The slugs a term page must not auto-link: itself and what its prose links already."""
    return {term.slug, *(link.slug for _, text in term.prose() for link in find_links(text))}
