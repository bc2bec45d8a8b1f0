"""Concept maps: a term's neighbourhood, and the whole glossary by cluster, as inline SVG.

Drawn at build time in plain Python: no JavaScript, nothing fetched. Each map is a ``<figure>`` block
whose every ``href`` is the final, relative, directory-style site URL (``../hyperparameter/``).
Colours come only from CSS classes, styled by ``CONCEPT_MAP_CSS`` with Material's colour variables, so
the light and dark schemes both read well.
"""

from __future__ import annotations

import html
import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from .. import urls
from ..model.index import GlossaryIndex
from ..model.records import Term

MAX_NEIGHBOURS = 16
"""A term map shows at most this many neighbours: path neighbours and related terms first, then the most general."""
MAP_TERMS_PER_CLUSTER = 10
"""The glossary map shows each cluster's most general terms, this many, and links to the cluster's page
for the rest: every term drawn costs three elements, and at 470 terms the whole map made the page
heavier than Lighthouse allows (2,130 elements) and no easier to read; at 10,000 it would be unusable."""

CONCEPT_MAP_CSS = """\
/* Concept maps (glossary_engine/render/conceptmap.py). Colours only through Material's variables. Text is
   always the body text colour on the page background, or the header's text colour on the primary
   colour: the two pairs Material keeps readable (WCAG AA) in every scheme. Kinds of link differ by
   line pattern as well as colour, so colour is never the only cue. */
.md-typeset figure.gl-map { display: block; width: 100%; overflow-x: auto; }
.md-typeset figure.gl-map > svg { display: block; width: 100%; min-width: 560px; height: auto; margin: 0 auto; }
.md-typeset figure.gl-map > figcaption { max-width: none; }
.gl-map__svg text { fill: var(--md-default-fg-color); }
.gl-map__box { fill: var(--md-default-bg-color); stroke: var(--md-default-fg-color--light); stroke-width: 1.5; }
.gl-map__node--centre .gl-map__box { fill: var(--md-primary-fg-color); stroke: none; }
.gl-map__svg .gl-map__node--centre .gl-map__label { fill: var(--md-primary-bg-color); font-weight: 700; }
.gl-map__node--related .gl-map__box { stroke: var(--md-typeset-a-color, var(--md-primary-fg-color)); }
.gl-map__node--referenced-by .gl-map__box { stroke-dasharray: 5 3; }
.gl-map__node--path .gl-map__box { stroke: var(--md-default-fg-color); stroke-dasharray: 1 3; stroke-linecap: round; }
.gl-map__edge { fill: none; stroke: var(--md-default-fg-color--light); stroke-width: 1.5; }
.gl-map__edge--related { stroke: var(--md-typeset-a-color, var(--md-primary-fg-color)); }
.gl-map__edge--referenced-by { stroke-dasharray: 6 4; }
.gl-map__edge--path {
  stroke: var(--md-default-fg-color); stroke-width: 2; stroke-dasharray: 0.5 4.5; stroke-linecap: round;
}
.gl-map__arrow { fill: var(--md-default-fg-color); }
.gl-map__svg a:hover .gl-map__box,
.gl-map__svg a:focus-visible .gl-map__box { stroke: var(--md-accent-fg-color); stroke-width: 3; }
.gl-map__svg a:hover text,
.gl-map__svg a:focus-visible text { text-decoration: underline; }
.gl-map__panel-box { fill: var(--md-default-fg-color--lightest); stroke: var(--md-default-fg-color--lighter); }
.gl-map__cluster-label { font-weight: 700; }
.gl-map__dot { fill: var(--md-typeset-a-color, var(--md-primary-fg-color)); }
.gl-map__svg a:hover .gl-map__dot,
.gl-map__svg a:focus-visible .gl-map__dot { fill: var(--md-accent-fg-color); }
"""

# Layout, in SVG user units (CSS pixels at 100 % zoom). Sizes assume a 12–15 px sans-serif font.
_WIDTH = 720
_MARGIN = 12
_RADIUS = 250  # every neighbour sits on this circle around the centre
_PITCH = 46  # vertical distance between neighbours on one side
_NODE = (190, 30)  # width, height of a neighbour's box
_CENTRE = (220, 40)
_LEGEND = 34  # height of the legend row
_PANEL_COLUMNS, _TERM_COLUMNS = 2, 2
_PANEL_GAP, _PANEL_PAD, _PANEL_HEADER, _ROW = 16, 10, 34, 20

_KINDS = ("path", "related", "referenced-by")
_LEGEND_TEXT = {
    "path": "Learning path, in reading order",
    "related": "Related term",
    "referenced-by": "Links here",
}
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _x(value: str) -> str:
    """Text or attribute value escaped for XML (and so for HTML); characters XML forbids are dropped."""
    return html.escape(_XML_INVALID.sub("", value), quote=True)


def _n(value: float) -> str:
    """A coordinate, rounded so the output is stable and short."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


# Advance widths in em of Helvetica/Arial, where Material's system font stack ends up on most systems
# (or their metric clones); other characters count as 0.6 em. Only used to decide where to cut a
# title, with a margin for wider fonts such as San Francisco.
_EM = {
    **dict.fromkeys("'", 0.19),
    **dict.fromkeys("ijl", 0.22),
    **dict.fromkeys(" !,./:;I[]ft|", 0.28),
    **dict.fromkeys('"()-r`', 0.33),
    **dict.fromkeys("Jcksvxyz", 0.5),
    **dict.fromkeys("0123456789?L_abdeghnopqu", 0.56),
    **dict.fromkeys("FTZ", 0.61),
    **dict.fromkeys("ABEKPSVXY&", 0.67),
    **dict.fromkeys("CDHNRUw", 0.72),
    **dict.fromkeys("GOQ", 0.78),
    **dict.fromkeys("Mm", 0.83),
    **dict.fromkeys("%", 0.89),
    **dict.fromkeys("W", 0.94),
    **dict.fromkeys("…—", 1.0),
}


def _text_width(text: str, font_size: float, bold: bool = False) -> float:
    """A slightly generous estimate of how wide ``text`` renders, in pixels."""
    ems = sum(_EM.get(unicodedata.normalize("NFD", ch)[:1], 0.6) for ch in text)
    return ems * font_size * (1.15 if bold else 1.05)


@lru_cache(maxsize=65536)  # each title is drawn in up to 16 maps, at one or two sizes
def _fit(title: str, width: float, font_size: float, bold: bool = False) -> str:
    """``title`` cut to fit ``width`` with an ellipsis, at a word break when one is near."""
    if _text_width(title, font_size, bold) <= width:
        return title
    # One pass of running widths (the cost stays linear in the title's length, however long).
    scale = font_size * (1.15 if bold else 1.05)
    room = width - _text_width("…", font_size, bold)
    end, used = 0, 0.0
    for ch in title:
        used += _EM.get(unicodedata.normalize("NFD", ch)[:1], 0.6) * scale
        if used > room:
            break
        end += 1
    end = max(end, 1)
    space = title.rfind(" ", 0, end + 1)
    if space >= end * 0.6:
        end = space
    return title[:end].rstrip(" -,:;") + "…"


@dataclass(frozen=True)
class Neighbour:
    """A term next to the centre of a term map, and every way the two are linked."""

    term: Term
    related: bool
    links_here: bool
    before_on: tuple[str, ...]  # titles of the paths where this term is the step before the centre
    after_on: tuple[str, ...]  # ... and where it is the step after

    @property
    def kind(self) -> str:
        """How the map draws it: as a path neighbour, else as related, else as linking here."""
        if self.before_on or self.after_on:
            return "path"
        return "related" if self.related else "referenced-by"

    def relations(self) -> list[str]:
        """The links in words, for the hover text."""
        out = ["related"] if self.related else []
        out += ["links here"] if self.links_here else []
        out += [f"step before on “{p}”" for p in self.before_on]
        out += [f"step after on “{p}”" for p in self.after_on]
        return out


def neighbours(index: GlossaryIndex, slug: str) -> tuple[Neighbour, ...]:
    """Every term linked to ``slug``: related, linking here, or next to it on a learning path.

    One entry per term, in map order: path neighbours, related terms, then terms that link here,
    each by title.
    """
    term = index.terms[slug]
    related = set(term.related)
    links_here = {t.slug for t in index.referenced_by.get(slug, ())}
    before: dict[str, list[str]] = {}
    after: dict[str, list[str]] = {}
    for position in index.positions.get(slug, ()):
        if position.before is not None:
            before.setdefault(position.before.slug, []).append(position.path.title)
        if position.after is not None:
            after.setdefault(position.after.slug, []).append(position.path.title)
    slugs = (related | links_here | before.keys() | after.keys()) - {slug}
    found = [
        Neighbour(index.terms[s], s in related, s in links_here, tuple(before.get(s, ())), tuple(after.get(s, ())))
        for s in slugs
    ]
    return _map_order(found)


def _map_order(found: Iterable[Neighbour]) -> tuple[Neighbour, ...]:
    return tuple(sorted(found, key=lambda n: (_KINDS.index(n.kind), n.term.title.casefold(), n.term.slug)))


def _figure(kind: str, svg: list[str], caption: str) -> str:
    return (
        f'<figure class="gl-map gl-map--{kind}">\n'
        + "\n".join(svg)
        + f"\n<figcaption>{_x(caption)}</figcaption>\n</figure>\n"
    )


def _svg_open(ident: str, width: float, height: float, title: str, desc: str) -> list[str]:
    # A group, not an image: an image's content is presentational, which would hide the maps' links
    # from assistive technology (axe: nested-interactive). The title names the map; the description
    # says in words everything it shows.
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="gl-map__svg" viewBox="0 0 {_n(width)} {_n(height)}" '
        f'width="100%" role="group" aria-labelledby="{ident}-title" aria-describedby="{ident}-desc">',
        f'<title id="{ident}-title">{_x(title)}</title>',
        f'<desc id="{ident}-desc">{_x(desc)}</desc>',
    ]


def _ring(count: int) -> list[tuple[float, float]]:
    """Offsets from the centre for ``count`` nodes on one circle, clockwise from the top right.

    Half go on the right-hand arc, half on the left, evenly spaced in height, so the boxes (wider than
    tall) never overlap and no label sits on top of the centre.
    """
    right = (count + 1) // 2
    left = count - right
    spots = []
    for i in range(right):
        y = (i - (right - 1) / 2) * _PITCH
        spots.append((math.sqrt(_RADIUS**2 - y**2), y))
    for i in range(left):
        y = ((left - 1) / 2 - i) * _PITCH
        spots.append((-math.sqrt(_RADIUS**2 - y**2), y))
    return spots


def _inside(dx: float, dy: float, size: tuple[float, float]) -> float:
    """The fraction of the way along (dx, dy) at which a line from a box's middle leaves the box."""
    half_width, half_height = size[0] / 2 + 3, size[1] / 2 + 3  # a little room for arrowheads
    return min(half_width / abs(dx) if dx else math.inf, half_height / abs(dy) if dy else math.inf)


def _box(x: float, y: float, size: tuple[float, float], title: str, font_size: int, bold: bool = False) -> list[str]:
    width, height = size
    label = _fit(title, width - 14, font_size, bold)
    return [
        f'<rect class="gl-map__box" x="{_n(x - width / 2)}" y="{_n(y - height / 2)}" '
        f'width="{_n(width)}" height="{_n(height)}" rx="{_n(height / 2)}"/>',
        f'<text class="gl-map__label" x="{_n(x)}" y="{_n(y)}" dy="0.35em" text-anchor="middle" '
        f'font-size="{font_size}">{_x(label)}</text>',
    ]


def _legend(ident: str, kinds: list[str], y: float) -> list[str]:
    out = ['<g class="gl-map__legend">']
    x = float(_MARGIN)
    for kind in kinds:
        marker = f' marker-end="url(#{ident}-arrow)"' if kind == "path" else ""
        out.append(
            f'<line class="gl-map__edge gl-map__edge--{kind}" x1="{_n(x)}" y1="{_n(y)}" '
            f'x2="{_n(x + 30)}" y2="{_n(y)}"{marker}/>'
        )
        text = _LEGEND_TEXT[kind]
        out.append(f'<text x="{_n(x + 38)}" y="{_n(y)}" dy="0.35em" font-size="12">{_x(text)}</text>')
        x += 38 + _text_width(text, 12) + 24
    out.append("</g>")
    return out


def _describe(term: Term, shown: tuple[Neighbour, ...], hidden: int) -> str:
    parts = [f"{term.title} and the terms linked to it."]
    related = [n.term.title for n in shown if n.related]
    links_here = [n.term.title for n in shown if n.links_here]
    if related:
        parts.append("Related: " + ", ".join(sorted(related, key=str.casefold)) + ".")
    if links_here:
        parts.append("Links here: " + ", ".join(sorted(links_here, key=str.casefold)) + ".")
    steps = [f"{n.term.title} comes before it on “{p}”" for n in shown for p in n.before_on]
    steps += [f"{n.term.title} comes after it on “{p}”" for n in shown for p in n.after_on]
    if steps:
        parts.append("On learning paths: " + "; ".join(steps) + ".")
    if hidden:
        parts.append(f"{hidden} more linked term{'s are' if hidden != 1 else ' is'} not shown.")
    return " ".join(parts)


def term_map(index: GlossaryIndex, slug: str, from_page: str) -> str:
    """A term's concept map as a ``<figure>`` of inline SVG, linked relative to ``from_page``.

    The term sits in the middle; around it, on one circle, its related terms, the terms that link to
    it and its neighbours on learning paths, each linking to its page. At most ``MAX_NEIGHBOURS`` are
    drawn (path neighbours and related terms first, then the most general of the rest); the caption
    says how many more there are. Returns ``""`` for a term
    with no neighbours. The block has no blank lines; put a blank line before and after it.
    """
    term = index.terms[slug]
    found = neighbours(index, slug)
    if not found:
        return ""
    # Path neighbours and related terms first (the editor chose them), then the most general of the
    # terms that link here.
    ranked = sorted(found, key=lambda n: (_KINDS.index(n.kind), -n.term.generality, n.term.title.casefold()))
    kept = {n.term.slug for n in ranked[:MAX_NEIGHBOURS]}
    shown = tuple(n for n in found if n.term.slug in kept)
    hidden = len(found) - len(shown)
    ident = f"gl-map-term-{slug}"
    spots = _ring(len(shown))
    half_height = max(_CENTRE[1] / 2, max(abs(y) for _, y in spots) + _NODE[1] / 2)
    cx, cy = _WIDTH / 2, _MARGIN + half_height
    height = cy + half_height + _MARGIN + _LEGEND

    svg = _svg_open(ident, _WIDTH, height, f"Concept map of {term.title}", _describe(term, shown, hidden))
    svg += [
        "<defs>",
        f'<marker id="{ident}-arrow" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="5" markerHeight="5" '
        'orient="auto-start-reverse"><path class="gl-map__arrow" d="M0 0L10 5L0 10z"/></marker>',
        "</defs>",
        '<g class="gl-map__edges">',
    ]
    for neighbour, (dx, dy) in zip(shown, spots, strict=True):
        leave, enter = _inside(dx, dy, _CENTRE), 1 - _inside(dx, dy, _NODE)
        start = (cx + dx * leave, cy + dy * leave)
        end = (cx + dx * enter, cy + dy * enter)
        markers = ""
        if neighbour.before_on:  # reading order runs from it to the centre: draw the line that way
            start, end = end, start
            markers += f' marker-end="url(#{ident}-arrow)"'
            if neighbour.after_on:
                markers += f' marker-start="url(#{ident}-arrow)"'
        elif neighbour.after_on:
            markers += f' marker-end="url(#{ident}-arrow)"'
        svg.append(
            f'<line class="gl-map__edge gl-map__edge--{neighbour.kind}" x1="{_n(start[0])}" y1="{_n(start[1])}" '
            f'x2="{_n(end[0])}" y2="{_n(end[1])}"{markers}/>'
        )
    svg.append("</g>")

    svg.append('<g class="gl-map__node gl-map__node--centre">')
    svg.append(f"<title>{_x(term.title)}</title>")
    svg += _box(cx, cy, _CENTRE, term.title, 15, bold=True)
    svg.append("</g>")
    for neighbour, (dx, dy) in zip(shown, spots, strict=True):
        href = urls.page_url(from_page, urls.term_page(neighbour.term.slug))
        hover = f"{neighbour.term.title} ({'; '.join(neighbour.relations())})"
        svg.append(f'<a class="gl-map__node gl-map__node--{neighbour.kind}" href="{_x(href)}">')
        svg.append(f"<title>{_x(hover)}</title>")
        svg += _box(cx + dx, cy + dy, _NODE, neighbour.term.title, 13)
        svg.append("</a>")

    kinds = [kind for kind in _KINDS if any(n.kind == kind for n in shown)]
    svg += _legend(ident, kinds, height - _LEGEND / 2)
    svg.append("</svg>")

    count = f"{len(found)} linked term{'s' if len(found) != 1 else ''}"
    caption = f"{term.title} and its {count}."
    if hidden:
        caption = f"{term.title} and {len(shown)} of its {count}, related terms first; {hidden} more not shown."
    return _figure("term", svg, caption)


def glossary_map(index: GlossaryIndex, from_page: str) -> str:
    """The glossary as a ``<figure>`` of inline SVG: a panel per cluster, in file order.

    Each panel's heading links to the cluster's page; its most general terms follow
    (``MAP_TERMS_PER_CLUSTER``), in columns, each a dot (larger when more general) and a linked title,
    then a link to the cluster's page for the rest. The block has no blank lines; put a blank line
    before and after it.
    """
    ident = "gl-map-glossary"
    clusters = list(index.clusters.values())
    panel_width = (_WIDTH - 2 * _MARGIN - (_PANEL_COLUMNS - 1) * _PANEL_GAP) / _PANEL_COLUMNS
    column_width = (panel_width - 2 * _PANEL_PAD) / _TERM_COLUMNS

    def shown(cluster_id: str) -> tuple[Term, ...]:
        return index.cluster_terms[cluster_id][:MAP_TERMS_PER_CLUSTER]

    def more(cluster_id: str) -> int:
        return len(index.cluster_terms[cluster_id]) - len(shown(cluster_id))

    body: list[str] = []
    y = float(_MARGIN)
    for first in range(0, len(clusters), _PANEL_COLUMNS):
        row = clusters[first : first + _PANEL_COLUMNS]
        lines = max(math.ceil(len(shown(c.id)) / _TERM_COLUMNS) + (1 if more(c.id) else 0) for c in row)
        panel_height = _PANEL_HEADER + lines * _ROW + _PANEL_PAD
        for column, cluster in enumerate(row):
            terms = shown(cluster.id)
            total = len(index.cluster_terms[cluster.id])
            x = _MARGIN + column * (panel_width + _PANEL_GAP)
            count = f"{total} term{'s' if total != 1 else ''}"
            href = urls.page_url(from_page, urls.cluster_page(cluster.id))
            heading = _fit(cluster.title, panel_width - 2 * _PANEL_PAD, 13, bold=True)
            body += [
                '<g class="gl-map__panel">',
                f'<rect class="gl-map__panel-box" x="{_n(x)}" y="{_n(y)}" width="{_n(panel_width)}" '
                f'height="{_n(panel_height)}" rx="6"/>',
                f'<a class="gl-map__cluster" href="{_x(href)}">',
                f"<title>{_x(f'{cluster.title} ({count})')}</title>",
                f'<text class="gl-map__cluster-label" x="{_n(x + _PANEL_PAD)}" y="{_n(y + _PANEL_HEADER / 2 + 2)}" '
                f'dy="0.35em" font-size="13">{_x(heading)}</text>',
                "</a>",
            ]
            rows = math.ceil(len(terms) / _TERM_COLUMNS)
            for i, term in enumerate(terms):
                tx = x + _PANEL_PAD + (i // rows) * column_width
                ty = y + _PANEL_HEADER + (i % rows) * _ROW + _ROW / 2
                radius = 2 + 4 * min(max(term.generality, 0), 1000) / 1000
                href = urls.page_url(from_page, urls.term_page(term.slug))
                label = _fit(term.title, column_width - 23, 12)
                # The whole title as a tooltip only where the label is cut short.
                hover = [] if label == term.title else [f"<title>{_x(term.title)}</title>"]
                body += [
                    f'<a class="gl-map__term" href="{_x(href)}">',
                    *hover,
                    f'<circle class="gl-map__dot" cx="{_n(tx + 7)}" cy="{_n(ty)}" r="{_n(radius)}"/>',
                    f'<text x="{_n(tx + 17)}" y="{_n(ty)}" dy="0.35em" font-size="12">{_x(label)}</text>',
                    "</a>",
                ]
            if more(cluster.id):
                ty = y + _PANEL_HEADER + rows * _ROW + _ROW / 2
                body += [
                    f'<a class="gl-map__more" href="{_x(urls.page_url(from_page, urls.cluster_page(cluster.id)))}">',
                    f'<text x="{_n(x + _PANEL_PAD + 7)}" y="{_n(ty)}" dy="0.35em" font-size="12">'
                    f"{_x(f'and {more(cluster.id)} more: all {count} →')}</text>",
                    "</a>",
                ]
            body.append("</g>")
        y += panel_height + _PANEL_GAP
    height = y - _PANEL_GAP + _MARGIN

    total = sum(len(index.cluster_terms[c.id]) for c in clusters)
    listing = "; ".join(f"{c.title} ({len(index.cluster_terms[c.id])})" for c in clusters)
    desc = f"The glossary's {total} terms in {len(clusters)} clusters, each with its most general terms: {listing}."
    svg = _svg_open(ident, _WIDTH, height, "Map of the glossary by cluster", desc)
    caption = (
        f"The glossary's {total} terms in {len(clusters)} clusters, up to {MAP_TERMS_PER_CLUSTER} of the most"
        " general in each; a cluster's page has the rest. A larger dot marks a more general term."
    )
    return _figure("glossary", [*svg, *body, "</svg>"], caption)
