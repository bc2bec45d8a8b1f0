"""HTML for generated pages, written directly: the page chrome is ours, so it needs no Markdown pass.

A ``Document`` collects a page's HTML and the table of contents MkDocs and the theme expect (the same
heading ids and permalinks as Python-Markdown's ``toc`` extension makes for hand-written pages). Only
glossary prose goes through a Markdown renderer (``prose.py``).
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..load.plaintext import tooltip
from .sanitize import clean_html, plain


def esc(value: str) -> str:
    """Text for HTML content or a quoted attribute value."""
    return html.escape(value, quote=True)


def link(label: str, href: str, title: str | None = None) -> str:
    """An ``<a>``: ``label`` is HTML already; ``title`` is plain text shown on hover."""
    hover = f' title="{esc(tooltip(title))}"' if title else ""
    return f'<a href="{esc(href)}"{hover}>{label}</a>'


_NOT_WORD = re.compile(r"[^\w\s-]")
_NUMBERED = re.compile(r"^(.*)_([0-9]+)$")
_SPACES = re.compile(r"[-\s]+")


def slugify(title: str) -> str:
    """A heading id, made the way Python-Markdown's ``toc`` extension makes it, so anchors agree."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    return _SPACES.sub("-", _NOT_WORD.sub("", ascii_title).strip().lower())


@dataclass
class Heading:
    """One entry of a page's table of contents."""

    level: int
    id: str
    name: str  # HTML-escaped, as the theme writes it without escaping
    children: list[Heading] = field(default_factory=list)

    def token(self) -> dict[str, object]:
        """The entry as Python-Markdown's ``toc_tokens`` has it (what MkDocs' ``get_toc`` reads)."""
        return {"level": self.level, "id": self.id, "name": self.name, "children": [c.token() for c in self.children]}


@dataclass(frozen=True)
class Rendered:
    """A generated page, ready for MkDocs: front-matter fields, content HTML and table of contents."""

    meta: dict[str, object]
    html: str
    toc: tuple[Heading, ...]

    @property
    def anchors(self) -> set[str]:
        """The ids links may point at: every heading's."""
        found: set[str] = set()
        headings = list(self.toc)
        while headings:
            heading = headings.pop()
            found.add(heading.id)
            headings.extend(heading.children)
        return found


class Document:
    """A page's content HTML, built in order, with its headings collected for the table of contents."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._sanitized: set[int] = set()  # the parts added by add_sanitized
        self._toc: list[Heading] = []
        self._ids: set[str] = set()

    def add(self, *blocks: str) -> Document:
        """Append HTML blocks (already safe: escaped by us or rendered from prose)."""
        self._parts.extend(blocks)
        return self

    def add_sanitized(self, block: str) -> Document:
        """Append a whole HTML block made only of pieces that went through ``clean_html`` themselves
        and markup of our own with no glossary text in it (a list of remembered index lines, say):
        ``rendered`` passes it through as it is, so a long page sanitizes only its changed lines."""
        self._sanitized.add(len(self._parts))
        self._parts.append(block)
        return self

    def add_sanitized_list(self, items: Iterable[str]) -> Document:
        """Append a list of items, each made only of pieces that went through ``clean_html`` and markup
        of our own (``add_sanitized``)."""
        return self.add_sanitized("<ul>\n" + "".join(f"<li>{item}</li>\n" for item in items) + "</ul>\n")

    def _unique(self, wanted: str) -> str:
        """``wanted``, or ``wanted_1``, ``wanted_2``... as the ``toc`` extension numbers repeats (an
        empty id becomes ``_1``), so links to repeated headings keep their targets."""
        ident = wanted
        while ident in self._ids or not ident:
            numbered = _NUMBERED.match(ident)
            ident = f"{numbered.group(1)}_{int(numbered.group(2)) + 1}" if numbered else f"{ident}_1"
        self._ids.add(ident)
        return ident

    def heading(self, level: int, title: str, *, ident: str | None = None) -> Document:
        """A heading with an id and a permalink, entered in the table of contents."""
        anchor = self._unique(ident if ident is not None else slugify(title))
        name = esc(title)
        self.add(
            f'<h{level} id="{anchor}">{name}'
            f'<a class="headerlink" href="#{anchor}" title="Permanent link">&para;</a></h{level}>\n'
        )
        entry = Heading(level, anchor, name)
        siblings = self._toc
        while siblings and siblings[-1].level < level:
            siblings = siblings[-1].children
        siblings.append(entry)
        return self

    def section(self, title: str, body: str) -> Document:
        """A titled section: an ``h2`` and its body (the site's search indexes the glossary itself,
        not this HTML, so nothing here needs marking for it)."""
        self.heading(2, title)
        return self.add(body)

    def rendered(self, meta: dict[str, object]) -> Rendered:
        """The finished page. Its HTML goes through the sanitizer: glossary text is untrusted, and this
        is the one place every generated page passes through. Between blocks added sanitized, each run
        of other blocks is sanitized whole (each such run is whole elements)."""
        html: list[str] = []
        run: list[str] = []
        for i, part in enumerate(self._parts):
            if i in self._sanitized:
                if run:
                    html.append(clean_html("".join(run)))
                    run = []
                html.append(part)
            else:
                run.append(part)
        if run:
            html.append(clean_html("".join(run)))
        return Rendered(meta, "".join(html), tuple(self._toc))


def page_meta(**fields: object) -> dict[str, object]:
    """A generated page's front-matter fields (those not None).

    MkDocs and the theme write the title and description into the page unescaped, so text values are
    HTML-escaped here: a title such as ``<img src=x onerror=…>`` shows as text, never as markup.
    """
    return {key: _escaped(value) for key, value in fields.items() if value is not None}


def _escaped(value: object) -> object:
    if isinstance(value, str):
        return plain(value)
    if isinstance(value, (list, tuple)):
        return [_escaped(item) for item in value]
    return value
