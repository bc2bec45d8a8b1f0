"""Lists of every term, split into pages once they are long.

The A–Z index and the timeline list every term (the A–Z index every alias too), so on one page they
grow with the glossary: 0.5 MB at 518 terms, 6.8 MB at 10,000. Up to ``LIMIT`` entries a list stays
on one page, which a reader can search with the browser. Past it, the list's page keeps its groups
(letters, decades) as headings, each linking the group's parts: pages of at most ``PART`` entries in
the list's order, named after the group (``a-z/t/``, ``a-z/t-2/``), each with links to the part before
and after it. A part page is left out of the nav, as a term page is; its list's page reaches it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import urls
from .crumbs import HOME, Crumb, render_crumbs
from .markup import Document, Rendered, esc, link, page_meta
from .templates import BUILT_IN, Templates

LIMIT = 2500
"""The most entries a list shows on one page (the real glossary's A–Z index has about 1,800)."""
PART = 500
"""The most entries on one part of a longer list."""

Entry = tuple[str, str]
"""A list's entry: the name it is sorted and labelled by, and its line (HTML that went through
``clean_html``)."""


@dataclass(frozen=True)
class Group:
    """A heading of a list and its entries, in order."""

    title: str
    """A letter, a decade."""
    anchor: str
    """Its heading's id on the list's page."""
    entries: list[Entry]


@dataclass(frozen=True)
class Part:
    """One page of a long list."""

    page: str
    """Its source path."""
    group: Group
    number: int
    """Its place in its group, from 1."""
    count: int
    """How many parts its group has."""
    entries: tuple[Entry, ...]

    @property
    def title(self) -> str:
        return self.group.title if self.count == 1 else f"{self.group.title} ({self.number} of {self.count})"

    @property
    def span(self) -> str:
        """From its first entry's name to its last's (plain text)."""
        first, last = self.entries[0][0], self.entries[-1][0]
        return first if first == last else f"{first} – {last}"


def entry_page(folder: str) -> str:
    """A page at the depth of every part under ``folder``: a line's links, made for it, fit every part."""
    return f"{folder}/part.md"


def is_part(page: str) -> bool:
    """Whether a generated page is a part of a long list."""
    return page.startswith(tuple(f"{folder}/" for folder in (urls.A_TO_Z_PARTS, urls.TIMELINE_PARTS)))


def split(groups: list[Group], folder: str) -> list[Part] | None:
    """The parts of a list made of ``groups``, as pages under ``folder``; None while it fits on one page."""
    if sum(len(group.entries) for group in groups) <= LIMIT:
        return None
    parts: list[Part] = []
    names: set[str] = set()
    for group in groups:
        chunks = [group.entries[i : i + PART] for i in range(0, len(group.entries), PART)]
        base = _file_name(group.title, names)
        for number, chunk in enumerate(chunks, 1):
            name = base if number == 1 else f"{base}-{number}"
            parts.append(Part(f"{folder}/{name}.md", group, number, len(chunks), tuple(chunk)))
    return parts


_UNSAFE = re.compile(r"[^a-z0-9]+")


def _file_name(title: str, taken: set[str]) -> str:
    """A file name for a group (``t``, ``1950s``; ``u00e9`` for É), unique among ``taken``."""
    name = _UNSAFE.sub("-", title.lower()).strip("-")
    if not name or name != title.lower():
        name = "-".join(f"u{ord(char):04x}" for char in title) if title != "#" else "other"
    while name in taken or re.search(r"-[0-9]+$", name):
        name += "x"
    taken.add(name)
    return name


def groups(parts: list[Part]) -> list[Group]:
    """The groups ``parts`` were split from, in order."""
    return list({id(part.group): part.group for part in parts}.values())


def add_groups(doc: Document, groups: list[Group], parts: list[Part] | None, page: str, noun: str) -> Document:
    """A list's groups on its page, each a heading with its entries; past ``LIMIT`` (``parts`` given),
    with a link to each of its parts instead."""
    for group in groups:
        doc.heading(2, group.title, ident=group.anchor)
        if parts is None:
            doc.add_sanitized_list(line for _, line in group.entries)
            continue
        items = [
            link(esc(part.span), urls.page_url(page, part.page)) + f" ({_count(len(part.entries), noun)})"
            for part in parts
            if part.group is group
        ]
        doc.add("<ul>\n" + "".join(f"<li>{item}</li>\n" for item in items) + "</ul>\n")
    return doc


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}" if number != 1 else f"1 {noun.removesuffix('s')}"


def part_page(
    parts: list[Part],
    part: Part,
    whole: Crumb,
    noun: str,
    meta: dict[str, object],
    templates: Templates = BUILT_IN,
) -> Rendered:
    """A part's page: its entries, and links to the part before and after (``whole``: the list's page)."""
    crumb = Crumb(part.title, part.page, Crumb(whole.title, whole.page, HOME))
    doc = Document().add(render_crumbs(crumb, templates))
    doc.heading(1, f"{whole.title}: {part.title}")
    doc.add(f"<p>{_count(len(part.entries), noun).capitalize()}, {esc(part.span)}.</p>\n")
    doc.add_sanitized_list(line for _, line in part.entries)
    at = parts.index(part)
    steps = []
    if at > 0:
        before = parts[at - 1]
        steps.append("Before: " + link(esc(before.span), urls.page_url(part.page, before.page)))
    steps.append(link(esc(whole.title), urls.page_url(part.page, whole.page)))
    if at + 1 < len(parts):
        after = parts[at + 1]
        steps.append("Next: " + link(esc(after.span), urls.page_url(part.page, after.page)))
    doc.add(f'<nav class="gl-parts" aria-label="Parts of the {esc(whole.title)}">{" · ".join(steps)}</nav>\n')
    return doc.rendered(page_meta(title=f"{whole.title}: {part.title}", **meta))
