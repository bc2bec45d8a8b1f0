"""A static API for other sites: each term's definition as a small JSON file at a versioned address.

``api/v1/terms/<slug>.json`` holds one term (the shape ``TERM_SCHEMA`` describes, published beside it
as ``api/v1/term.schema.json``); ``api/v1/terms.json`` lists every term's slug and title, and the
address patterns of a term's page and file, for the term of the day and a random term. The embed
script (``assets/glossary-embed.js``) reads the term files. Fields are only ever added within a
version; a change that removes or renames one gets ``api/v2/``. Text is plain text, never HTML.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from .. import urls
from ..load.schema import SLUG_PATTERN
from ..memo import PIECES
from ..model.index import GlossaryIndex
from ..model.records import Term

VERSION = 1

TERM_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "A glossary term's definition (api/v1/terms/<slug>.json)",
    "type": "object",
    "required": ["version", "slug", "title", "short", "url", "path", "reviewed", "site"],
    "properties": {
        "version": {"const": VERSION, "description": "Version of this file's shape; new fields may be added."},
        "slug": {"type": "string", "pattern": SLUG_PATTERN, "description": "The term's identifier."},
        "title": {"type": "string", "minLength": 1, "description": "The term's name (plain text)."},
        "short": {"type": "string", "minLength": 1, "description": "One-sentence definition (plain text)."},
        "url": {"type": "string", "format": "uri", "pattern": "^https?://", "description": "The term's page."},
        "path": {
            "type": "string",
            "pattern": "^terms/[a-z0-9-]+/$",
            "description": "The term's page from the glossary's root, for a link to the copy the reader uses.",
        },
        "reviewed": {
            "type": ["string", "null"],
            "format": "date",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
            "description": "When the entry was last reviewed (YYYY-MM-DD), or null.",
        },
        "site": {"type": "string", "minLength": 1, "description": "The glossary's name."},
    },
    "additionalProperties": True,
}


def term_record(term: Term, base_url: str, site_name: str) -> dict[str, Any]:
    """What ``api/v1/terms/<slug>.json`` holds for ``term``."""
    return {
        "version": VERSION,
        "slug": term.slug,
        "title": term.title,
        "short": term.short,
        "url": urls.term_url(base_url, term.slug),
        "path": urls.site_path(urls.term_page(term.slug)),
        "reviewed": term.reviewed.isoformat() if term.reviewed else None,
        "site": site_name,
    }


def _dump(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


def api_files(index: GlossaryIndex, base_url: str, site_name: str) -> Iterator[tuple[str, str]]:
    """Every file of the API, as (site path, content)."""
    yield from listing_files(index, site_name)
    yield from term_files(index, base_url, site_name)


def listing_files(index: GlossaryIndex, site_name: str) -> Iterator[tuple[str, str]]:
    """The API's files about every term: its schema and its list of terms."""
    yield urls.API_TERM_SCHEMA, json.dumps(TERM_SCHEMA, indent=2) + "\n"
    terms = [[t.slug, t.title] for t in index.glossary.terms]
    listing = {
        "version": VERSION,
        "site": site_name,
        # Addresses from the glossary's root, with {slug} standing for a term's slug.
        "page": urls.site_path(urls.term_page("{slug}")),
        "term": urls.api_term("{slug}"),
        "terms": terms,
    }
    yield urls.API_INDEX, _dump(listing)


def term_files(index: GlossaryIndex, base_url: str, site_name: str) -> Iterator[tuple[str, str]]:
    """Each term's own file, in glossary order."""
    for term in index.glossary.terms:
        yield urls.api_term(term.slug), PIECES.of(_term_file, term, base_url, site_name)


def term_paths(index: GlossaryIndex) -> list[str]:
    """Where ``term_files`` go, without making them."""
    return [urls.api_term(term.slug) for term in index.glossary.terms]


def _term_file(term: Term, base_url: str, site_name: str) -> str:
    return _dump(term_record(term, base_url, site_name))
