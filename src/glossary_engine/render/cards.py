"""Cards: a term (or cluster) as a Material grid card with its one-line definition and score."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .. import urls
from ..model.index import GlossaryIndex
from ..model.records import Cluster, Term
from .prose import plain_prose
from .templates import BUILT_IN, Templates


@dataclass(frozen=True)
class Card:
    """What a card shows: a linked title, one line of text and a footer."""

    title: str
    text: str
    footer: str
    page: str
    hover: str | None = None


def term_card(term: Term) -> Card:
    """A term's card: title, one-line definition, generality and year."""
    footer = f"Generality {term.generality}" + (f" · {term.year}" if term.year else "")
    return Card(term.title, term.short, footer, urls.term_page(term.slug), hover=term.short)


def cluster_card(index: GlossaryIndex, cluster: Cluster) -> Card:
    """A cluster's card: title, description and the number of terms."""
    count = len(index.cluster_terms[cluster.id])
    footer = f"{count} term{'s' if count != 1 else ''}"
    # Card text is plain: the description's [[links]] become their words.
    return Card(cluster.title, plain_prose(index, cluster.description), footer, urls.cluster_page(cluster.id))


def render_cards(cards: Iterable[Card], from_page: str, templates: Templates = BUILT_IN) -> str:
    """HTML for a grid of cards (template ``cards``), linked relative to ``from_page``. A term card's
    link shows the definition on hover, as every term link on the site does."""
    shown = [
        {
            "title": c.title,
            "text": c.text,
            "footer": c.footer,
            "href": urls.page_url(from_page, c.page),
            "hover": c.hover,
        }
        for c in cards
    ]
    return templates.render("cards", cards=shown)
