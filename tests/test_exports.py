"""The JSON, SKOS (Turtle) and CSV exports: what they contain, that they parse, and that they are stable."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import textwrap
from typing import Any

import pytest
from rdflib import RDF, SKOS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

from conftest import DATA, SMALL, SMALL_SLUGS
from glossary_engine import Cluster, Contrast, Glossary, GlossaryIndex, Term, parse_glossary
from glossary_engine.export.formats import SCHEMA_VERSION, spreadsheet_cell, to_csv, to_json, to_skos, turtle_string

BASE = "https://example.org/glossary/"

HOSTILE = textwrap.dedent(
    """\
    hub: evil
    clusters:
      - id: odd
        title: 'Odd "names" \\ &lt;b&gt;here &lt;3'
        description: Names that break naive writers.
    terms:
      - slug: evil
        title: 'Say "hi" \\ &lt;img src=x onerror=alert(1)&gt; <3'
        aliases: ['=HYPERLINK("x") &lt;script&gt;', 'C:\\new\\table', "Ünïcödé — 名前 🤖"]
        short: 'Ends in a backslash \\'
        generality: 10
        cluster: odd
        explanation: Bad names.
        related: [plain]
      - slug: plain
        title: Plain's "quoted" term
        short: '""\"triple""\" quotes, ''single'' ones; and a comma'
        generality: 5
        cluster: odd
        explanation: Also bad.
    """
)
HOSTILE_TITLE = 'Say "hi" \\ &lt;img src=x onerror=alert(1)&gt; <3'
HOSTILE_ALIASES = ['=HYPERLINK("x") &lt;script&gt;', "C:\\new\\table", "Ünïcödé — 名前 🤖"]
HOSTILE_SHORTS = ["Ends in a backslash \\", '"""triple""" quotes, \'single\' ones; and a comma']

# Prints one export of tests/data/small.yaml; run under different hash seeds to catch set-order leaks.
EXPORT_SCRIPT = """\
import sys
from pathlib import Path
from glossary_engine import GlossaryIndex, parse_glossary
from glossary_engine.export import formats as exports
index = GlossaryIndex.build(parse_glossary(Path(sys.argv[1]).read_text(encoding="utf-8"), this_year=2026))
name = sys.argv[2]
text = exports.to_csv(index) if name == "to_csv" else getattr(exports, name)(index, "https://example.org/")
sys.stdout.buffer.write(text.encode("utf-8"))
"""


@pytest.fixture(scope="module")
def index() -> GlossaryIndex:
    return GlossaryIndex.build(parse_glossary(SMALL, this_year=2026))


@pytest.fixture(scope="module")
def hostile() -> GlossaryIndex:
    return GlossaryIndex.build(parse_glossary(HOSTILE, this_year=2026))


@pytest.fixture(scope="module")
def multiline() -> GlossaryIndex:
    """A glossary built straight from the model, with line breaks the loader would refuse."""
    short = 'First line\nsecond "line"\r\n\ttabbed \\ end'
    terms = (
        Term("a", "A\nB", short, "Text.", 1, "c"),
        Term("b", "B", "Plain.", "Text.", 1, "c", related=("a",)),
    )
    return GlossaryIndex.build(Glossary("a", (Cluster("c", "C", "Cluster."),), (), terms))


@pytest.fixture(scope="module")
def document(index: GlossaryIndex) -> dict[str, Any]:
    parsed: dict[str, Any] = json.loads(to_json(index, BASE))
    return parsed


@pytest.fixture(scope="module")
def parameter(document: dict[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = next(t for t in document["terms"] if t["slug"] == "parameter")
    return found


@pytest.fixture(scope="module")
def graph(index: GlossaryIndex) -> Graph:
    return Graph().parse(data=to_skos(index, BASE), format="turtle")


def term(slug: str) -> URIRef:
    return URIRef(f"{BASE}terms/{slug}/")


def rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


# -- JSON --------------------------------------------------------------------------------------------


def test_json_states_schema_version_hub_and_source(document: dict[str, Any]) -> None:
    assert (document["schema_version"], document["hub"], document["generated_from"]) == (
        SCHEMA_VERSION,
        "artificial-intelligence",
        "glossary.yaml",
    )
    assert SCHEMA_VERSION == 1


def test_json_lists_terms_in_glossary_order(document: dict[str, Any]) -> None:
    assert [t["slug"] for t in document["terms"]] == SMALL_SLUGS


def test_json_term_has_aliases(parameter: dict[str, Any]) -> None:
    assert parameter["aliases"] == ["Weights", "Model parameter"]


def test_json_term_url_is_absolute(parameter: dict[str, Any]) -> None:
    assert parameter["url"] == "https://example.org/glossary/terms/parameter/"


def test_json_related_terms_carry_titles_and_absolute_urls(parameter: dict[str, Any]) -> None:
    assert parameter["related"] == [
        {
            "slug": "weights-and-biases",
            "title": "Weights and Biases",
            "url": "https://example.org/glossary/terms/weights-and-biases/",
        },
        {
            "slug": "hyperparameter",
            "title": "Hyperparameter",
            "url": "https://example.org/glossary/terms/hyperparameter/",
        },
        {
            "slug": "neural-network",
            "title": "Neural Network",
            "url": "https://example.org/glossary/terms/neural-network/",
        },
    ]


def test_json_contrast_carries_the_difference(parameter: dict[str, Any]) -> None:
    assert parameter["contrast"] == [
        {
            "slug": "hyperparameter",
            "title": "Hyperparameter",
            "url": "https://example.org/glossary/terms/hyperparameter/",
            "difference": "A hyperparameter is chosen before training; a parameter is learned.",
        }
    ]


def test_json_lists_backlinks_by_title(parameter: dict[str, Any]) -> None:
    assert parameter["referenced_by"] == [
        "artificial-intelligence",
        "how-neural-networks-work",
        "hyperparameter",
        "neural-network",
        "weights-and-biases",
    ]


def test_json_gives_each_path_position_with_neighbours(parameter: dict[str, Any]) -> None:
    assert parameter["paths"] == [
        {
            "path": "how-neural-networks-learn",
            "step": 4,
            "of": 5,
            "before": "how-neural-networks-work",
            "after": "weights-and-biases",
        },
        {"path": "tuning", "step": 1, "of": 2, "before": None, "after": "hyperparameter"},
    ]


def test_json_keeps_prose_as_markdown_source(parameter: dict[str, Any]) -> None:
    assert parameter["explanation"] == (
        "A parameter is a value learned during training. Compare [[hyperparameter|hyperparameters]],\n"
        "which are chosen before training. In code you might write `[[not-a-link]]`."
    )


def test_json_lists_prose_links_outside_code(parameter: dict[str, Any]) -> None:
    assert parameter["links"] == ["hyperparameter", "weights-and-biases"]


def test_json_absent_optional_fields_are_null_or_empty(document: dict[str, Any]) -> None:
    hyperparameter = next(t for t in document["terms"] if t["slug"] == "hyperparameter")
    assert (hyperparameter["year"], hyperparameter["why_it_matters"], hyperparameter["examples"]) == (None, None, [])


def test_json_questions_and_citations_have_every_key(parameter: dict[str, Any]) -> None:
    assert parameter["questions"] == [
        {"question": "Are parameters and weights the same?", "answer": "Nearly; see [[weights-and-biases]]."}
    ]
    assert parameter["further_reading"][1] == {
        "authors": ["Tom B. Brown", "Benjamin Mann", "Nick Ryder", "et al."],
        "year": 2020,
        "title": "Language Models are Few-Shot Learners",
        "venue": "Advances in Neural Information Processing Systems 33",
        "publisher": None,
        "chapter": None,
        "doi": None,
        "arxiv": "2005.14165",
        "isbn": None,
        "url": None,
    }


def test_json_clusters_list_terms_by_generality(document: dict[str, Any]) -> None:
    cluster = document["clusters"][1]
    assert (cluster["id"], cluster["url"], cluster["terms"]) == (
        "neural-networks",
        "https://example.org/glossary/clusters/neural-networks/",
        ["neural-network", "parameter", "weights-and-biases", "how-neural-networks-work", "hyperparameter"],
    )


def test_json_paths_list_steps_in_order(document: dict[str, Any]) -> None:
    assert document["paths"][1] == {
        "id": "tuning",
        "title": "Tuning a model",
        "description": "What you set and what is learned.",
        "url": "https://example.org/glossary/paths/tuning/",
        "steps": ["parameter", "hyperparameter"],
    }


def test_json_writes_unicode_unescaped(hostile: GlossaryIndex) -> None:
    text = to_json(hostile, BASE)
    assert "Ünïcödé — 名前 🤖" in text
    assert json.loads(text)["terms"][0]["aliases"] == HOSTILE_ALIASES


def test_base_url_without_trailing_slash_is_refused(index: GlossaryIndex) -> None:
    with pytest.raises(ValueError) as error:
        to_json(index, "https://example.org/glossary")
    assert str(error.value) == "base_url must be an absolute URL ending in '/', got 'https://example.org/glossary'"


def test_base_url_that_would_break_an_iri_is_refused(index: GlossaryIndex) -> None:
    with pytest.raises(ValueError, match="absolute URL"):
        to_skos(index, "https://example.org/a>b/")


# -- Determinism -------------------------------------------------------------------------------------


@pytest.mark.parametrize("export", ["to_json", "to_skos", "to_csv"])
def test_exports_are_byte_identical_across_runs(export: str) -> None:
    outputs = [
        subprocess.run(
            [sys.executable, "-c", EXPORT_SCRIPT, str(DATA / "small.yaml"), export],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            check=True,
        ).stdout
        for seed in ("1", "2", "3")
    ]
    assert len(outputs[0]) > 1000
    assert outputs[0] == outputs[1] == outputs[2]


# -- SKOS --------------------------------------------------------------------------------------------


def cluster(cluster_id: str) -> URIRef:
    return URIRef(f"{BASE}clusters/{cluster_id}/")


def test_skos_scheme_has_title_and_clusters_as_top_concepts(graph: Graph) -> None:
    scheme = URIRef(BASE)
    top = {cluster("foundations"), cluster("neural-networks")}
    assert (scheme, RDF.type, SKOS.ConceptScheme) in graph
    assert set(graph.objects(scheme, DCTERMS.title)) == {Literal("Artificial Intelligence glossary", lang="en")}
    assert set(graph.objects(scheme, SKOS.hasTopConcept)) == top
    assert set(graph.subjects(SKOS.topConceptOf, scheme)) == top


def test_skos_scheme_title_can_be_given(index: GlossaryIndex) -> None:
    graph = Graph().parse(data=to_skos(index, BASE, title="AI Glossary"), format="turtle")
    assert set(graph.objects(URIRef(BASE), DCTERMS.title)) == {Literal("AI Glossary", lang="en")}


def test_skos_every_term_and_cluster_is_a_concept_in_the_scheme(graph: Graph, index: GlossaryIndex) -> None:
    concepts = set(graph.subjects(RDF.type, SKOS.Concept))
    assert concepts == {term(slug) for slug in index.terms} | {cluster(c) for c in index.clusters}
    assert set(graph.subjects(SKOS.inScheme, URIRef(BASE))) == concepts


def test_skos_concept_has_labels_and_definition(graph: Graph) -> None:
    parameter = term("parameter")
    assert set(graph.objects(parameter, SKOS.prefLabel)) == {Literal("Parameter", lang="en")}
    assert set(graph.objects(parameter, SKOS.altLabel)) == {
        Literal("Weights", lang="en"),
        Literal("Model parameter", lang="en"),
    }
    assert set(graph.objects(parameter, SKOS.definition)) == {
        Literal("A number inside a model that is learned from data during training.", lang="en")
    }


def test_skos_related_includes_related_contrast_and_reverse_links(graph: Graph) -> None:
    # artificial-intelligence and how-neural-networks-work list parameter; parameter does not list them.
    assert set(graph.objects(term("parameter"), SKOS.related)) == {
        term("weights-and-biases"),
        term("hyperparameter"),
        term("neural-network"),
        term("artificial-intelligence"),
        term("how-neural-networks-work"),
    }


def test_skos_related_includes_contrast_only_terms() -> None:
    terms = (
        Term("a", "A", "First.", "Text.", 1, "c"),
        Term("b", "B", "Second.", "Text.", 1, "c", contrast=(Contrast("a", "They differ."),)),
    )
    index = GlossaryIndex.build(Glossary("a", (Cluster("c", "C", "Cluster."),), (), terms))
    graph = Graph().parse(data=to_skos(index, BASE), format="turtle")
    assert set(graph.subject_objects(SKOS.related)) == {(term("b"), term("a")), (term("a"), term("b"))}


def test_skos_related_is_symmetric(graph: Graph) -> None:
    pairs = set(graph.subject_objects(SKOS.related))
    assert len(pairs) == 16
    assert {(o, s) for s, o in pairs} == pairs


def test_skos_each_term_has_its_cluster_as_broader(graph: Graph, index: GlossaryIndex) -> None:
    assert set(graph.subject_objects(SKOS.broader)) == {
        (term(t.slug), cluster(t.cluster)) for t in index.terms.values()
    }


def test_skos_narrower_is_the_inverse_of_broader(graph: Graph) -> None:
    assert {(o, s) for s, o in graph.subject_objects(SKOS.narrower)} == set(graph.subject_objects(SKOS.broader))


def test_skos_year_is_a_gyear(graph: Graph) -> None:
    assert set(graph.objects(term("parameter"), DCTERMS.created)) == {Literal("1950", datatype=XSD.gYear)}
    assert set(graph.objects(term("hyperparameter"), DCTERMS.created)) == set()


def test_skos_cluster_has_label_and_its_description_as_plain_scope_note(graph: Graph) -> None:
    neural = cluster("neural-networks")
    assert set(graph.objects(neural, SKOS.prefLabel)) == {Literal("Neural Networks and Deep Learning", lang="en")}
    (note,) = graph.objects(neural, SKOS.scopeNote)
    assert str(note).startswith("Networks of simple units that learn from data, starting with ")
    assert "[[" not in str(note)


@pytest.mark.parametrize(
    ("text", "literal"),
    [
        ('Say "hi" \\ <img src=x onerror=alert(1)>', '"Say \\"hi\\" \\\\ <img src=x onerror=alert(1)>"'),
        ("one\ntwo\r\nthree\tfour", '"one\\ntwo\\r\\nthree\\tfour"'),
        ("ends in \\", '"ends in \\\\"'),
        ("bell\x07 nul\x00 del\x7f", '"bell\\u0007 nul\\u0000 del\\u007F"'),
        ("Ünïcödé 🤖 '", '"Ünïcödé 🤖 \'"'),
    ],
)
def test_turtle_string_escapes(text: str, literal: str) -> None:
    assert turtle_string(text) == literal


def test_skos_hostile_names_round_trip(hostile: GlossaryIndex) -> None:
    graph = Graph().parse(data=to_skos(hostile, BASE), format="turtle")
    evil, plain = term("evil"), term("plain")
    assert set(graph.objects(evil, SKOS.prefLabel)) == {Literal(HOSTILE_TITLE, lang="en")}
    assert set(graph.objects(evil, SKOS.altLabel)) == {Literal(alias, lang="en") for alias in HOSTILE_ALIASES}
    assert [str(next(graph.objects(t, SKOS.definition))) for t in (evil, plain)] == HOSTILE_SHORTS
    assert set(graph.objects(plain, SKOS.prefLabel)) == {Literal('Plain\'s "quoted" term', lang="en")}
    assert set(graph.objects(URIRef(f"{BASE}clusters/odd/"), SKOS.prefLabel)) == {
        Literal('Odd "names" \\ &lt;b&gt;here &lt;3', lang="en")
    }


def test_skos_line_breaks_round_trip(multiline: GlossaryIndex) -> None:
    graph = Graph().parse(data=to_skos(multiline, BASE), format="turtle")
    assert set(graph.objects(term("a"), SKOS.prefLabel)) == {Literal("A\nB", lang="en")}
    assert set(graph.objects(term("a"), SKOS.definition)) == {
        Literal('First line\nsecond "line"\r\n\ttabbed \\ end', lang="en")
    }


# -- CSV ---------------------------------------------------------------------------------------------


def test_csv_has_a_header_and_one_row_per_term(index: GlossaryIndex) -> None:
    table = rows(to_csv(index))
    assert table[0] == [
        "slug", "title", "aliases", "short", "year", "generality", "cluster", "related", "url", "reviewed"
    ]  # fmt: skip
    assert [row[0] for row in table[1:]] == [t.slug for t in index.glossary.terms]


def test_csv_row_joins_aliases_and_related(index: GlossaryIndex) -> None:
    assert rows(to_csv(index))[4] == [
        "parameter",
        "Parameter",
        "Weights; Model parameter",
        "A number inside a model that is learned from data during training.",
        "1950",
        "928",
        "neural-networks",
        "weights-and-biases hyperparameter neural-network",
        "terms/parameter/",
        "",
    ]


def test_csv_leaves_a_missing_year_empty(index: GlossaryIndex) -> None:
    assert rows(to_csv(index))[3][:5] == [
        "how-neural-networks-work",
        "How Neural Networks Work",
        "",
        "A walk through the forward pass, the loss and the updates that let a network learn.",
        "",
    ]


def test_csv_lines_end_in_newline_only(index: GlossaryIndex) -> None:
    text = to_csv(index)
    assert "\r" not in text
    assert text.count("\n") == len(index.terms) + 1


def test_csv_hostile_fields_round_trip(hostile: GlossaryIndex) -> None:
    table = rows(to_csv(hostile))
    assert [row[1] for row in table[1:]] == [HOSTILE_TITLE, 'Plain\'s "quoted" term']
    assert table[1][2] == "'" + "; ".join(HOSTILE_ALIASES)  # starts like a formula: kept as text
    assert [row[3] for row in table[1:]] == HOSTILE_SHORTS


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_csv_cells_never_start_like_a_formula(start: str) -> None:
    assert spreadsheet_cell(f"{start}1+1") == f"'{start}1+1"
    assert spreadsheet_cell(f"a{start}1") == f"a{start}1"


def test_csv_line_breaks_round_trip(multiline: GlossaryIndex) -> None:
    assert rows(to_csv(multiline))[1][1:4] == ["A\nB", "", 'First line\nsecond "line"\r\n\ttabbed \\ end']
