"""Cards: a term (or cluster) as a Material grid card with its one-line definition and score."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .. import urls
from ..model.index import GlossaryIndex
from ..model.records import Cluster, Term
from .markup import esc, link
from .prose import plain_prose


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


def render_cards(cards: Iterable[Card], from_page: str) -> str:
    """HTML for a grid of cards (Material's ``grid cards`` markup), linked relative to ``from_page``."""
    items = [
        # A term card's link shows the definition on hover, as every term link on the site does.
        f"<li>\n<p>{link(f'<strong>{esc(card.title)}</strong>', urls.page_url(from_page, card.page), card.hover)}</p>\n"
        f"<p>{esc(card.text)}</p>\n"
        f'<p><span class="gl-card-meta">{esc(card.footer)}</span></p>\n</li>\n'
        for card in cards
    ]
    if not items:
        return ""
    return '<div class="grid cards gl-cards">\n<ul>\n' + "".join(items) + "</ul>\n</div>\n"
