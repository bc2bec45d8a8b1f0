"""schema.org structured data (JSON-LD) for the home, term and cluster pages.

The data goes into page front matter as a mapping; the theme override writes it with Jinja's
``tojson``, which escapes ``<``, ``>`` and ``&`` so nothing in it can end the script element.
"""

from __future__ import annotations

from typing import Any

from .. import urls
from ..model.index import GlossaryIndex
from ..model.records import Term
from .prose import plain_prose


def defined_term_set(base_url: str, name: str) -> dict[str, Any]:
    """The whole glossary as a schema.org DefinedTermSet."""
    return {"@type": "DefinedTermSet", "@id": base_url, "name": name, "url": base_url}


def glossary_jsonld(index: GlossaryIndex, base_url: str, site_name: str) -> dict[str, Any]:
    """The whole glossary, for the home page: the DefinedTermSet every term points to, described,
    with its clusters as its parts (each term names its set; listing 10,000 terms here would not help)."""
    glossary = index.glossary
    return {
        "@context": "https://schema.org",
        **defined_term_set(base_url, site_name),
        "description": (
            f"A glossary of {len(glossary.terms)} {index.hub.title} terms in {len(glossary.clusters)} clusters,"
            f" starting from {index.hub.title}: {index.hub.short}"
        ),
        "inLanguage": "en",
        "hasPart": [
            {
                "@type": "DefinedTermSet",
                "@id": urls.cluster_url(base_url, cluster.id),
                "name": cluster.title,
                "url": urls.cluster_url(base_url, cluster.id),
            }
            for cluster in glossary.clusters
        ],
    }


def term_jsonld(term: Term, base_url: str, site_name: str) -> dict[str, Any]:
    """A term as a schema.org DefinedTerm in the glossary's DefinedTermSet."""
    url = urls.term_url(base_url, term.slug)
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "DefinedTerm",
        "@id": url,
        "name": term.title,
        "description": term.short,
        "url": url,
        "termCode": term.slug,
        "inDefinedTermSet": defined_term_set(base_url, site_name),
    }
    if term.aliases:
        data["alternateName"] = list(term.aliases)
    return data


def cluster_jsonld(index: GlossaryIndex, cluster_id: str, base_url: str, site_name: str) -> dict[str, Any]:
    """A cluster as a DefinedTermSet of its terms, part of the whole glossary's set."""
    cluster = index.clusters[cluster_id]
    url = urls.cluster_url(base_url, cluster_id)
    return {
        "@context": "https://schema.org",
        "@type": "DefinedTermSet",
        "@id": url,
        "name": cluster.title,
        "description": plain_prose(index, cluster.description),
        "url": url,
        "isPartOf": defined_term_set(base_url, site_name),
        "hasDefinedTerm": [
            {"@type": "DefinedTerm", "@id": urls.term_url(base_url, t.slug), "name": t.title}
            for t in index.cluster_terms[cluster_id]
        ],
    }
