"""Term prose to HTML: ``[[slug]]`` links become links that show the term's definition on hover.

Prose is CommonMark with GitHub's tables and strikethrough, rendered by
cmarkgfm, the C reference implementation that PyPI uses for READMEs. It is about a hundred times
faster than Python-Markdown, and safe by default: raw HTML in the text is left out and
``javascript:`` links lose their target, before the page sanitizer (``sanitize.py``) runs at all.
"""

from __future__ import annotations

import re

import cmarkgfm

from .. import urls
from ..model.index import GlossaryIndex
from ..model.links import replace_links_in_sentences
from ..model.records import Term
from . import markdown as md
from .hover import hover as hover_text
from .markup import esc, link

_WORDS = re.compile(r"([ -])")


def running_name(term: Term) -> str:
    """How a bare ``[[slug]]`` reads mid-sentence: ``link_text``, or the title with plain capitalised
    words lowered ("Stochastic Gradient Descent" → "stochastic gradient descent", "Q-Learning" →
    "Q-learning") while acronyms and inner capitals stay ("GPT", "AlphaGo", "A/B")."""
    if term.link_text:
        return term.link_text
    parts = _WORDS.split(term.title)
    return "".join(w.lower() if len(w) > 1 and w[0].isupper() and w[1:].islower() else w for w in parts)


def term_link(index: GlossaryIndex, slug: str, from_page: str, label: str | None = None, *, hover: bool = True) -> str:
    """An HTML link to a term's page (``label`` is HTML); hovering it shows the one-line definition,
    unless ``hover`` is false, for long lists of links where the definitions would only make the page
    heavy."""
    return link_to(index.terms[slug], from_page, label, hover=hover)


def link_to(term: Term, from_page: str, label: str | None = None, *, hover: bool = True) -> str:
    """``term_link`` for a term at hand."""
    shown = label if label is not None else esc(term.title)
    return link(shown, urls.page_url(from_page, urls.term_page(term.slug)), hover_text(term) if hover else None)


def markdown_link(index: GlossaryIndex, slug: str, from_page: str, label: str | None = None) -> str:
    """The same link in Markdown (``label`` is Markdown), for prose that is still to be rendered."""
    term = index.terms[slug]
    shown = label if label is not None else md.text(term.title)
    return md.link(shown, urls.page_url(from_page, urls.term_page(slug)), hover_text(term))


_UNESCAPED_BAR = re.compile(r"(?<!\\)\|")


def prose_markdown(index: GlossaryIndex, text: str, from_page: str) -> str:
    """Prose with every ``[[slug]]`` / ``[[slug|text]]`` made a Markdown link (the loader checked them)."""

    def resolve(slug: str, label: str | None, starts_sentence: bool) -> str:
        if label is None:
            name = running_name(index.terms[slug])
            label = md.text(capitalised(name) if starts_sentence else name)
        else:
            # A "|" in the shown text would end a table cell; escaped, it is text in and out of tables.
            label = _UNESCAPED_BAR.sub(r"\\|", label)
        return markdown_link(index, slug, from_page, label)

    return replace_links_in_sentences(text, resolve)


def capitalised(name: str) -> str:
    """A running name at the start of a sentence: "training" → "Training", "k-nearest neighbors" →
    "K-nearest neighbors"; a first word with capitals of its own ("t-SNE", "iPhone") stays as it is."""
    first = name.split(" ", 1)[0]
    return name[:1].upper() + name[1:] if first.islower() and first[:1].isalpha() else name


# GitHub's tables and strikethrough; not its autolinks: a bare URL in prose (or in escaped text such
# as a citation title) stays text, as it always has, and links are written as links.
_EXTENSIONS = ["table", "strikethrough", "tagfilter"]


def to_html(markdown: str) -> str:
    """Render Markdown (CommonMark + GitHub's tables and strikethrough; raw HTML is left out)."""
    return str(cmarkgfm.markdown_to_html_with_extensions(markdown, extensions=_EXTENSIONS))


def render_prose(index: GlossaryIndex, text: str, from_page: str) -> str:
    """A prose field as HTML, links resolved."""
    return to_html(prose_markdown(index, text, from_page))


def render_list(index: GlossaryIndex, items: list[str], from_page: str, *, numbered: bool = False) -> str:
    """Markdown list items (each already in Markdown) as one HTML list: rendered together, the list
    stays tight, without a paragraph in every item."""
    marker = "1." if numbered else "-"
    pad = " " * (len(marker) + 1)
    lines = [f"{marker} " + prose_markdown(index, item, from_page).strip().replace("\n", "\n" + pad) for item in items]
    return to_html("\n".join(lines)) if lines else ""


def plain_prose(index: GlossaryIndex, text: str) -> str:
    """Prose as one line of plain text (for meta descriptions): links become their shown text, as on
    the page."""

    def shown(slug: str, label: str | None, starts_sentence: bool) -> str:
        if label is not None:
            return label
        name = running_name(index.terms[slug])
        return capitalised(name) if starts_sentence else name

    flat = replace_links_in_sentences(text, shown)
    return " ".join(flat.split())
