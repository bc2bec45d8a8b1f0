"""Machine-readable exports of the glossary: JSON, SKOS (Turtle) and CSV.

Each export is a pure function of the index and returns text, byte-identical for the same glossary:
lists keep glossary order (cluster terms by generality, backlinks by title), record keys are fixed
names in a fixed order, and nothing depends on set or hash order.

Prose fields (explanation, why_it_matters, how_it_works, examples, strengths, challenges, answers,
contrast differences, cluster and path descriptions) are exported as their Markdown source, with
``[[slug]]`` and ``[[slug|text]]`` links left as written; a term's ``links`` lists the slugs its prose
links to, so a consumer need not parse them. One-line fields (titles, aliases, shorts, questions)
are plain text.

URLs and IRIs are absolute: ``base_url`` followed by ``terms/<slug>/``, ``clusters/<id>/`` or
``paths/<id>/``. ``base_url`` must be an absolute URL ending in ``/``.
"""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any

from .. import urls
from ..memo import PIECES
from ..model.index import GlossaryIndex
from ..model.links import find_links
from ..model.records import Citation, Term
from ..render.prose import plain_prose
from ..urls import cluster_url, path_url, term_url

SCHEMA_VERSION = 1

# An absolute IRI usable inside Turtle's <...>: a scheme, no spaces, controls or characters IRIREF forbids.
_BASE_URL = re.compile(r'[A-Za-z][A-Za-z0-9+.-]*:[^\x00-\x20<>"{}|^`\\]*/')
_TURTLE_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_TURTLE_SPECIAL = re.compile(r'[\\"\x00-\x1f\x7f]')


def usable_base_url(base_url: str) -> bool:
    """Whether ``base_url`` can prefix every address and IRI the glossary writes: absolute, ending
    in "/", with no space, quote, control or other character an IRI forbids, and no query or fragment."""
    return _BASE_URL.fullmatch(base_url) is not None and not any(mark in base_url for mark in "?#")


def _check_base_url(base_url: str) -> None:
    if not usable_base_url(base_url):
        raise ValueError(f"base_url must be an absolute URL ending in '/', got {base_url!r}")


def prose_links(term: Term) -> list[str]:
    """Slugs linked with ``[[…]]`` from a term's prose, in order of first appearance, without repeats."""
    return list(dict.fromkeys(link.slug for _, text in term.prose() for link in find_links(text)))


# -- JSON ------------------------------------------------------------------------------------------


def _citation_record(citation: Citation) -> dict[str, Any]:
    return {
        "authors": list(citation.authors),
        "year": citation.year,
        "title": citation.title,
        "venue": citation.venue,
        "publisher": citation.publisher,
        "chapter": citation.chapter,
        "doi": citation.doi,
        "arxiv": citation.arxiv,
        "isbn": citation.isbn,
        "url": citation.url,
    }


Position = tuple[str, int, int, str | None, str | None]
"""A term's place on a learning path: the path, its step, of how many, the slugs before and after."""


def _term_json(index: GlossaryIndex, term: Term, base_url: str) -> str:
    """``term``'s record in glossary.json, as JSON text (made again only when the term or what the
    record shows of other terms changed: ``memo.py``)."""
    titles = tuple((slug, index.terms[slug].title) for slug in (*term.related, *(c.term for c in term.contrast)))
    backlinks = tuple(t.slug for t in index.referenced_by.get(term.slug, ()))
    positions: tuple[Position, ...] = tuple(
        (p.path.id, p.step, p.total, p.before.slug if p.before else None, p.after.slug if p.after else None)
        for p in index.positions.get(term.slug, ())
    )
    return PIECES.of(_term_text, term, base_url, titles, backlinks, positions)


def _term_text(
    term: Term,
    base_url: str,
    titles: tuple[tuple[str, str], ...],
    backlinks: tuple[str, ...],
    positions: tuple[Position, ...],
) -> str:
    return _dumps(_term_record(term, base_url, dict(titles), backlinks, positions))


def _term_record(
    term: Term, base_url: str, titles: dict[str, str], backlinks: tuple[str, ...], positions: tuple[Position, ...]
) -> dict[str, Any]:
    def ref(slug: str) -> dict[str, Any]:
        return {"slug": slug, "title": titles[slug], "url": term_url(base_url, slug)}

    return {
        "slug": term.slug,
        "title": term.title,
        "url": term_url(base_url, term.slug),
        "aliases": list(term.aliases),
        "short": term.short,
        "explanation": term.explanation,
        "year": term.year,
        "reviewed": term.reviewed.isoformat() if term.reviewed else None,
        "generality": term.generality,
        "cluster": term.cluster,
        "related": [ref(slug) for slug in term.related],
        "contrast": [ref(c.term) | {"difference": c.difference} for c in term.contrast],
        "referenced_by": list(backlinks),
        "paths": [
            {"path": path, "step": step, "of": total, "before": before, "after": after}
            for path, step, total, before, after in positions
        ],
        "why_it_matters": term.why_it_matters,
        "how_it_works": term.how_it_works,
        "examples": list(term.examples),
        "strengths": list(term.strengths),
        "challenges": list(term.challenges),
        "questions": [{"question": q.question, "answer": q.answer} for q in term.questions],
        "further_reading": [_citation_record(c) for c in term.further_reading],
        "links": prose_links(term),
    }


def _dumps(value: object) -> str:
    # Compact: with ``indent`` json.dumps falls back to its pure-Python encoder (2.3 s at 10,000 terms).
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def to_json(index: GlossaryIndex, base_url: str) -> str:
    """The whole glossary as one JSON document (UTF-8 text, not ASCII-escaped), ending in a newline.

    Absent optional values are ``null`` and absent lists are ``[]``, so every record has every key.
    """
    _check_base_url(base_url)
    glossary = index.glossary
    document = {
        "schema_version": SCHEMA_VERSION,
        "hub": glossary.hub,
        "generated_from": "glossary.yaml",
        "clusters": [
            {
                "id": cluster.id,
                "title": cluster.title,
                "description": cluster.description,
                "url": cluster_url(base_url, cluster.id),
                "terms": [t.slug for t in index.cluster_terms[cluster.id]],
            }
            for cluster in glossary.clusters
        ],
        "paths": [
            {
                "id": path.id,
                "title": path.title,
                "description": path.description,
                "url": path_url(base_url, path.id),
                "steps": list(path.steps),
            }
            for path in glossary.paths
        ],
        "terms": [],
    }
    # "terms" is the last key: its list is the terms' own JSON texts, joined as json.dumps joins a list.
    head = _dumps(document)
    assert head.endswith('"terms":[]}')
    terms = ",".join(_term_json(index, term, base_url) for term in glossary.terms)
    return f"{head[:-2]}{terms}]}}\n"


# -- SKOS ------------------------------------------------------------------------------------------


def turtle_string(text: str) -> str:
    """``text`` as a Turtle double-quoted string literal, quotes included.

    Backslash, double quote, newline, carriage return, tab, backspace and form feed get their short
    escapes; every other control character becomes ``\\uXXXX``. Everything else is kept as UTF-8.
    """

    def escape(match: re.Match[str]) -> str:
        char = match.group()
        return _TURTLE_ESCAPES.get(char) or f"\\u{ord(char):04X}"

    return '"' + _TURTLE_SPECIAL.sub(escape, text) + '"'


def _english(text: str) -> str:
    return turtle_string(text) + "@en"


def _block(subject: str, kind: str, properties: list[tuple[str, list[str]]]) -> str:
    """One Turtle statement block: ``<subject> a kind ; p o1, o2 ; … .``, skipping empty properties."""
    lines = [f"<{subject}> a {kind}"]
    lines += [f"    {predicate} {', '.join(objects)}" for predicate, objects in properties if objects]
    return " ;\n".join(lines) + " .\n"


def to_skos(index: GlossaryIndex, base_url: str, *, title: str | None = None) -> str:
    """The glossary as a SKOS concept scheme in Turtle.

    The scheme's IRI is ``base_url`` and its ``dct:title`` is ``title`` (default: the hub's title
    followed by "glossary"). Each term is a ``skos:Concept`` at its page URL; ``skos:related`` joins
    related and contrasted terms, stated from both sides. Each cluster is a ``skos:Concept`` at its
    page URL too, a top concept of the scheme with its description as ``skos:scopeNote``, and
    ``skos:narrower`` to its terms, each of which has it as ``skos:broader``: a term belongs to exactly
    one topic area, so SKOS tools (Skosmos, SKOS Play) can browse the glossary as clusters, then terms.
    That is the only hierarchy the glossary records; terms have no broader term among themselves.
    """
    _check_base_url(base_url)
    glossary = index.glossary
    order = {term.slug: number for number, term in enumerate(glossary.terms)}
    related: dict[str, dict[str, None]] = {slug: {} for slug in order}
    for term in glossary.terms:
        for other in (*term.related, *(c.term for c in term.contrast)):
            related[term.slug][other] = None
            related[other][term.slug] = None
    scheme = f"<{base_url}>"
    blocks = [
        "@prefix dct: <http://purl.org/dc/terms/> .\n"
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n",
        _block(
            base_url,
            "skos:ConceptScheme",
            [
                ("dct:title", [_english(title or f"{index.hub.title} glossary")]),
                ("skos:hasTopConcept", [f"<{cluster_url(base_url, c.id)}>" for c in glossary.clusters]),
            ],
        ),
    ]
    for term in glossary.terms:
        others = tuple(sorted(related[term.slug], key=order.__getitem__))
        blocks.append(PIECES.of(_skos_term, term, base_url, others))
    for cluster in glossary.clusters:
        members = [f"<{term_url(base_url, t.slug)}>" for t in index.cluster_terms[cluster.id]]
        properties = [
            ("skos:prefLabel", [_english(cluster.title)]),
            ("skos:scopeNote", [_english(plain_prose(index, cluster.description))]),
            ("skos:inScheme", [scheme]),
            ("skos:topConceptOf", [scheme]),
            ("skos:narrower", members),
        ]
        blocks.append(_block(cluster_url(base_url, cluster.id), "skos:Concept", properties))
    return "\n".join(blocks)


def _skos_term(term: Term, base_url: str, related: tuple[str, ...]) -> str:
    """``term``'s block in the SKOS file; ``related``: the slugs it is related to, either way."""
    properties = [
        ("skos:prefLabel", [_english(term.title)]),
        ("skos:altLabel", [_english(alias) for alias in term.aliases]),
        ("skos:definition", [_english(term.short)]),
        ("skos:inScheme", [f"<{base_url}>"]),
        ("skos:broader", [f"<{cluster_url(base_url, term.cluster)}>"]),
        ("skos:related", [f"<{term_url(base_url, s)}>" for s in related]),
        ("dct:created", [f'"{term.year:04d}"^^xsd:gYear'] if term.year is not None else []),
        ("dct:modified", [f'"{term.reviewed.isoformat()}"^^xsd:date'] if term.reviewed else []),
    ]
    return _block(term_url(base_url, term.slug), "skos:Concept", properties)


# -- CSV -------------------------------------------------------------------------------------------

CSV_COLUMNS = ("slug", "title", "aliases", "short", "year", "generality", "cluster", "related", "url", "reviewed")


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(text: str) -> str:
    """A text cell a spreadsheet shows as text: one that starts like a formula (``=``, ``+``, ``-``,
    ``@``, tab or carriage return) gets a leading apostrophe, as OWASP advises against CSV injection."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def to_csv(index: GlossaryIndex) -> str:
    """One row per term in glossary order, after a header row of ``CSV_COLUMNS``.

    Aliases are joined with "; " and related slugs with " "; ``url`` is the site-relative page path
    ``terms/<slug>/``. Fields are quoted only when needed, and lines end in "\\n". Text cells pass
    through ``spreadsheet_cell``, so no cell runs as a formula when the file is opened.
    """
    rows = [_csv_line(CSV_COLUMNS)]
    rows += [PIECES.of(_csv_row, term) for term in index.glossary.terms]
    return "".join(rows)


def _csv_line(row: tuple[object, ...]) -> str:
    out = io.StringIO()
    csv.writer(out, quoting=csv.QUOTE_MINIMAL, lineterminator="\n").writerow(row)
    return out.getvalue()


def _csv_row(term: Term) -> str:
    """``term``'s line in the CSV file (remembered: memo.py)."""
    return _csv_line(
        (
            term.slug,
            spreadsheet_cell(term.title),
            spreadsheet_cell("; ".join(term.aliases)),
            spreadsheet_cell(term.short),
            "" if term.year is None else term.year,
            term.generality,
            term.cluster,
            " ".join(term.related),
            urls.site_path(urls.term_page(term.slug)),
            term.reviewed.isoformat() if term.reviewed else "",
        )
    )
