"""Overview pages across the whole glossary: timeline, core vocabulary, and the concept map."""

from __future__ import annotations

from itertools import groupby

from .. import urls
from ..memo import PIECES
from ..model.index import GlossaryIndex, by_generality
from ..model.records import Term
from . import longlist
from .crumbs import HOME, Crumb, render_crumbs
from .markup import Document, Rendered, esc, link, page_meta, slugify
from .prose import link_to
from .sanitize import clean_html
from .templates import BUILT_IN, Templates

TIMELINE = "timeline.md"
CORE = "core-vocabulary.md"
MAP = "concept-map.md"
CORE_SIZE = 50
_NO_MACROS = {"render_macros": False}

# Generated pages are sanitized (see markup.py); inline SVG would not survive, so maps are written as
# an empty placeholder that finish.py replaces with the SVG in the finished page.
MAP_SLOT = '<div class="gl-map-slot"></div>'


def _entry(term: Term, page: str) -> str:
    """A list line for ``term``: its title, linked, and its definition (remembered: memo.py)."""
    return PIECES.of(_line, term, page)


def _line(term: Term, page: str) -> str:
    """Sanitized on its own: long pages add their lists with ``Document.add_sanitized``."""
    return clean_html(f"{link_to(term, page, '<strong>' + esc(term.title) + '</strong>')}: {esc(term.short)}")


def _start(title: str, page: str, templates: Templates) -> Document:
    doc = Document().add(render_crumbs(Crumb(title, page, HOME), templates))
    return doc.heading(1, title)


def _timeline_groups(index: GlossaryIndex, page: str) -> list[longlist.Group]:
    """Every term with a year, oldest first, by decade, with its line for ``page``."""
    dated = sorted((t for t in index.glossary.terms if t.year), key=lambda t: (t.year or 0, t.title.casefold()))
    groups = []
    for decade, terms in groupby(dated, key=lambda t: (t.year or 0) // 10 * 10):
        entries = [(f"{t.year:d}", f"<strong>{t.year:d}</strong>: {_entry(t, page)}") for t in terms]
        groups.append(longlist.Group(f"{decade}s", slugify(f"{decade}s"), entries))
    return groups


def timeline_parts(index: GlossaryIndex) -> list[longlist.Part] | None:
    """The timeline's part pages, once it is too long for one (``longlist.py``)."""
    if sum(1 for t in index.glossary.terms if t.year) <= longlist.LIMIT:
        return None
    folder = urls.TIMELINE_PARTS
    return longlist.split(_timeline_groups(index, longlist.entry_page(folder)), folder)


TIMELINE_CRUMB = Crumb("Timeline", TIMELINE, HOME)


def _timeline_meta(subject: str) -> dict[str, object]:
    about = f"{subject} concepts" if subject else "Concepts"
    return {"description": f"{about} by the year they were introduced.", **_NO_MACROS}


def timeline_page(
    index: GlossaryIndex,
    templates: Templates = BUILT_IN,
    subject: str = "",
    parts: list[longlist.Part] | None = None,
) -> Rendered:
    """Terms with a year of introduction, oldest first, grouped by decade; past ``longlist.LIMIT`` terms,
    each decade links its ``parts`` instead."""
    dated = sum(1 for t in index.glossary.terms if t.year)
    undated = len(index.glossary.terms) - dated
    doc = _start("Timeline", TIMELINE, templates).add(
        f"<p>{dated:,} concepts by the year they were introduced, grouped by decade. {undated:,} others have "
        "no single clear origin and are left out.</p>\n"
    )
    groups = _timeline_groups(index, TIMELINE) if parts is None else longlist.groups(parts)
    longlist.add_groups(doc, groups, parts, TIMELINE, "concepts")
    return doc.rendered(page_meta(title="Timeline", **_timeline_meta(subject)))


def timeline_part_page(
    parts: list[longlist.Part], part: longlist.Part, templates: Templates = BUILT_IN, subject: str = ""
) -> Rendered:
    """One part of a long timeline."""
    return longlist.part_page(parts, part, TIMELINE_CRUMB, "concepts", _timeline_meta(subject), templates)


def core_vocabulary_page(index: GlossaryIndex, templates: Templates = BUILT_IN, subject: str = "") -> Rendered:
    """The most general terms, most general first: the ideas to learn first."""
    core = by_generality(list(index.glossary.terms))[:CORE_SIZE]
    items = "".join(f"<li>{_entry(t, CORE)} ({t.generality})</li>\n" for t in core)
    doc = _start("Core vocabulary", CORE, templates).add(
        f"<p>The {len(core)} most general terms in the glossary, broadest first: learn these and the rest "
        "has somewhere to attach. The number is the term's generality (0–1000).</p>\n",
        f"<ol>\n{items}</ol>\n",
    )
    return doc.rendered(
        page_meta(
            title="Core vocabulary",
            description=f"The {CORE_SIZE} most general ideas{f' in {subject}' if subject else ''}, to learn first.",
            **_NO_MACROS,
        )
    )


def concept_map_page(index: GlossaryIndex, templates: Templates = BUILT_IN) -> Rendered:
    """The whole glossary as one map, cluster by cluster."""
    doc = _start("Concept map", MAP, templates).add(
        "<p>Each cluster with its most general terms, sized by generality. Select a term to open it, or a "
        "cluster title to see all its terms. Each term page has a map of its own neighbourhood.</p>\n",
        MAP_SLOT + "\n",
    )
    return doc.rendered(
        page_meta(
            title="Concept map", description="The glossary's clusters and their most general terms.", **_NO_MACROS
        )
    )


def links_to(page: str) -> str:
    """An HTML link from ``page`` to each overview, for the home page."""
    return " · ".join(
        link(title, urls.page_url(page, target))
        for title, target in (("Timeline", TIMELINE), ("Core vocabulary", CORE), ("Concept map", MAP))
    )
