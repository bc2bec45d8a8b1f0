"""Review dates: read and checked, shown on the page and in the exports, and ``glossary stale``."""

from __future__ import annotations

import datetime
import json

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, XSD

from conftest import SMALL, BuildSite
from glossary_engine import GlossaryError, GlossaryIndex, parse_glossary
from glossary_engine.cli.main import stale_report
from glossary_engine.export.formats import to_csv, to_json, to_skos

BASE = "https://example.org/"
REVIEWED = SMALL.replace("    year: 1950\n", "    year: 1950\n    reviewed: 2026-11-30\n", 1)


def problems(text: str) -> list[str]:
    with pytest.raises(GlossaryError) as caught:
        parse_glossary(text, this_year=2026)
    return [str(p) for p in caught.value.problems]


def parameter(text: str) -> object:
    return next(t for t in parse_glossary(text, this_year=2026).terms if t.slug == "parameter")


def test_a_review_date_is_read_as_a_date() -> None:
    assert parameter(REVIEWED).reviewed == datetime.date(2026, 11, 30)  # type: ignore[attr-defined]
    assert parameter(REVIEWED.replace("2026-11-30", '"2026-11-30"')).reviewed == datetime.date(2026, 11, 30)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("2027-01-01", "'2027-01-01'"),
        ("1999-12-31", "'1999-12-31'"),
        ("last week", "text 'last week'"),
        ("2026", "the number 2026"),
    ],
)
def test_a_review_date_must_be_a_past_date(value: str, shown: str) -> None:
    assert problems(REVIEWED.replace("2026-11-30", value)) == [
        f"glossary.yaml:62:15: term 'parameter': reviewed: expected a date (YYYY-MM-DD) from 2000 to 2026, got {shown}"
    ]


def test_the_page_shows_the_review_date(build_site: BuildSite) -> None:
    site = build_site(REVIEWED)
    page = site.html("terms/parameter/")
    assert '<strong>Reviewed:</strong> <time datetime="2026-11-30">30 November 2026</time>' in page
    assert "Reviewed:" not in site.html("terms/hyperparameter/")


def test_exports_carry_the_review_date() -> None:
    index = GlossaryIndex.build(parse_glossary(REVIEWED, this_year=2026))
    terms = {t["slug"]: t for t in json.loads(to_json(index, BASE))["terms"]}
    assert (terms["parameter"]["reviewed"], terms["hyperparameter"]["reviewed"]) == ("2026-11-30", None)
    header, *rows = [line.split(",") for line in to_csv(index).splitlines()]
    row = next(r for r in rows if r[0] == "parameter")
    assert row[header.index("reviewed")] == "2026-11-30"
    graph = Graph().parse(data=to_skos(index, BASE), format="turtle")
    assert set(graph.objects(URIRef(f"{BASE}terms/parameter/"), DCTERMS.modified)) == {
        Literal("2026-11-30", datatype=XSD.date)
    }


STALE = SMALL.replace("  - id: neural-networks\n", "  - id: neural-networks\n    review_months: 6\n", 1).replace(
    "    year: 1950\n", "    year: 1950\n    reviewed: 2026-01-10\n", 1
)


def stale(text: str, today: str = "2026-12-02", limit: int = 20) -> list[str]:
    index = GlossaryIndex.build(parse_glossary(text, this_year=2026))
    return stale_report(index, datetime.date.fromisoformat(today), limit)


def test_stale_lists_never_reviewed_terms_first_then_the_most_overdue() -> None:
    lines = stale(
        STALE.replace("  - slug: hyperparameter\n", "  - slug: hyperparameter\n    reviewed: 2026-11-01\n", 1)
        .replace("  - slug: neural-network\n", "  - slug: neural-network\n    reviewed: 2025-12-01\n", 1)
        .replace(
            "  - slug: artificial-intelligence\n", "  - slug: artificial-intelligence\n    reviewed: 2026-06-01\n", 1
        )
        .replace(
            "  - slug: how-neural-networks-work\n", "  - slug: how-neural-networks-work\n    reviewed: 2026-06-01\n", 1
        )
    )
    assert lines[0] == "6 terms: 1 never reviewed, 3 past their review date (as of 2026-12-02)"
    order = [line.split()[0] for line in lines[2:]]
    # Never reviewed; then parameter, 11 months into a 6-month cycle, before neural-network, 12
    # months into a 6-month cycle but less general; then the 24-month cluster's terms.
    assert order == [
        "weights-and-biases",
        "neural-network",
        "parameter",
        "how-neural-networks-work",
        "artificial-intelligence",
        "hyperparameter",
    ]


def test_stale_says_when_each_term_is_due() -> None:
    lines = stale(STALE)
    line = next(line for line in lines if line.lstrip().startswith("parameter "))
    assert line == "  parameter                 reviewed 2026-01-10, due 2026-07-10  (every 6 months, generality 928)"


def test_stale_limit_says_how_many_more() -> None:
    lines = stale(STALE, limit=2)
    assert len(lines) == 5
    assert lines[-1] == "  … and 4 more (--limit to show more)"


def test_a_cluster_review_interval_is_checked() -> None:
    assert problems(
        SMALL.replace("  - id: neural-networks\n", "  - id: neural-networks\n    review_months: 0\n", 1)
    ) == [
        "glossary.yaml:8:20: cluster 'neural-networks': review_months: expected a whole number from 1 to 120, got the number 0"
    ]
