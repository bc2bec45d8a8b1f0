"""The learning loop, as built: feeds, citations, the per-term API, decks and self-checks.

Feeds go through feedparser (as feed readers read them) and a JSON Feed 1.1 schema written from the
specification; the BibTeX through bibtexparser; the CSL-JSON through the CSL project's own schema
(tests/data/csl-data.json, from citation-style-language/schema, MIT); the API files through the
schema the site publishes beside them.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import re

import bibtexparser
import feedparser
import jsonschema
import pytest

from conftest import DATA, SMALL, Site
from glossary_engine import GlossaryError, GlossaryIndex, parse_glossary
from glossary_engine.render.cite import bibtex_text, term_citation
from glossary_engine.render.learning import contrast_questions, definition_questions

# The small glossary with dates: parameter added and later reviewed (and once renamed), hyperparameter
# added on one day, neural-network only reviewed; the other terms carry no date.
DATED = (
    SMALL.replace("    year: 1950\n", "    year: 1950\n    added: 2025-03-01\n    reviewed: 2026-02-10\n", 1)
    .replace("  - slug: parameter\n", "  - slug: parameter\n    formerly: [model-parameter]\n", 1)
    .replace("  - slug: hyperparameter\n", "  - slug: hyperparameter\n    added: 2026-01-20\n", 1)
    .replace("    year: 1943\n", "    year: 1943\n    reviewed: 2025-11-05\n", 1)
)


@pytest.fixture(scope="module")
def dated_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    from conftest import build_project, make_project

    return build_project(make_project(tmp_path_factory.mktemp("dated"), DATED))


@pytest.fixture(scope="module")
def dated_index() -> GlossaryIndex:
    return GlossaryIndex.build(parse_glossary(DATED, this_year=2026))


def _file(site: Site, path: str) -> str:
    return (site.site_dir / path).read_text(encoding="utf-8")


def test_added_is_read_as_a_date(dated_index: GlossaryIndex) -> None:
    assert dated_index.terms["hyperparameter"].added == datetime.date(2026, 1, 20)


def test_an_added_date_in_the_future_is_refused() -> None:
    text = SMALL.replace("    year: 1950\n", "    year: 1950\n    added: 2031-01-05\n", 1)
    with pytest.raises(GlossaryError) as error:
        parse_glossary(text, this_year=2026)
    assert str(error.value) == (
        "1 problem in the glossary:\n"
        "glossary.yaml:62:12: term 'parameter': added: expected a date (YYYY-MM-DD) from 2000 to 2026, got '2031-01-05'"
    )


def test_atom_feed_parses_with_newest_change_first(dated_site: Site) -> None:
    feed = feedparser.parse(_file(dated_site, "feed.xml"))
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.title == "AI Glossary: what's new"
    assert feed.feed.updated == "2026-02-10T00:00:00Z"
    assert [e.title for e in feed.entries] == ["Parameter", "Hyperparameter", "Neural Network"]


def test_atom_entry_is_the_term_updated_since_it_was_added(dated_site: Site) -> None:
    entry = feedparser.parse(_file(dated_site, "feed.xml")).entries[0]
    assert entry.id == entry.link == "https://glossary.example.org/terms/parameter/"
    assert (entry.published, entry.updated) == ("2025-03-01T00:00:00Z", "2026-02-10T00:00:00Z")
    assert [tag.term for tag in entry.tags] == ["updated", "renamed"]
    assert entry.summary == (
        "Updated and renamed: A number inside a model that is learned from data during training. Formerly model-parameter."
    )


def test_atom_feed_lists_a_new_term_as_added(dated_site: Site) -> None:
    entry = feedparser.parse(_file(dated_site, "feed.xml")).entries[1]
    assert [tag.term for tag in entry.tags] == ["added"]
    assert entry.published == entry.updated == "2026-01-20T00:00:00Z"


def test_json_feed_is_valid_version_1_1(dated_site: Site) -> None:
    feed = json.loads(_file(dated_site, "feed.json"))
    schema = json.loads((DATA / "jsonfeed-1.1.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(feed, schema, format_checker=jsonschema.FormatChecker())
    for item in feed["items"]:
        for key in ("date_published", "date_modified"):
            if key in item:
                datetime.datetime.fromisoformat(item[key])  # RFC 3339, which the checker above leaves alone
    assert feed["feed_url"] == "https://glossary.example.org/feed.json"
    assert [(i["title"], i["tags"]) for i in feed["items"]] == [
        ("Parameter", ["updated", "renamed"]),
        ("Hyperparameter", ["added"]),
        ("Neural Network", ["updated"]),
    ]


def test_feeds_are_advertised_to_feed_readers(dated_site: Site) -> None:
    html = dated_site.html("terms/parameter/")
    assert '<link rel="alternate" type="application/atom+xml" title="What\'s new (Atom)" href="../../feed.xml">' in html


def test_whats_new_page_groups_changes_by_month(dated_site: Site) -> None:
    html = dated_site.html("whats-new/")
    assert re.findall(r'<h2 id="([^"]+)"', html) == ["february-2026", "january-2026", "november-2025"]
    assert (
        '<li><time datetime="2026-01-20">20 January</time>: <strong>New</strong> <a href="../terms/hyperparameter/"'
        in html
    )
    assert "(formerly model-parameter)</li>" in html
    assert '<a href="../feed.xml">Atom feed</a>' in html


def test_bibtex_citation_parses_with_its_fields(dated_index: GlossaryIndex) -> None:
    citation = term_citation(dated_index.terms["parameter"], "https://glossary.example.org/", "AI Glossary")
    library = bibtexparser.parse_string(citation.bibtex)
    assert library.failed_blocks == []
    (entry,) = library.entries
    assert (entry.entry_type, entry.key) == ("misc", "parameter")
    fields = {field.key: field.value for field in entry.fields}
    assert fields["title"] == "Parameter"
    assert fields["url"] == "https://glossary.example.org/terms/parameter/"
    assert (fields["year"], fields["month"], fields["date"]) == ("2026", "feb", "2026-02-10")


def test_bibtex_escapes_tex_special_characters() -> None:
    escaped = bibtex_text("50% of R&D_{x} costs $5 #1 ^ ~ \\")
    assert escaped == r"50\% of R\&D\_\{x\} costs \$5 \#1 \^{} \~{} \textbackslash{}"
    library = bibtexparser.parse_string(f"@misc{{k,\n  title = {{{escaped}}},\n}}")
    assert library.failed_blocks == []


def test_csl_json_citation_validates_against_the_csl_schema(dated_index: GlossaryIndex) -> None:
    citation = term_citation(dated_index.terms["parameter"], "https://glossary.example.org/", "AI Glossary")
    data = json.loads(citation.csl_json)
    schema = json.loads((DATA / "csl-data.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)
    assert data[0]["issued"] == {"date-parts": [[2026, 2, 10]]}


def test_apa_citation_names_site_date_title_and_url(dated_index: GlossaryIndex) -> None:
    citation = term_citation(dated_index.terms["parameter"], "https://glossary.example.org/", "AI Glossary")
    assert (
        citation.apa
        == "AI Glossary. (2026, February 10). Parameter. In AI Glossary. https://glossary.example.org/terms/parameter/"
    )


def test_apa_citation_of_an_undated_term_says_no_date(dated_index: GlossaryIndex) -> None:
    citation = term_citation(dated_index.terms["weights-and-biases"], "https://g.example/", "G")
    assert citation.apa.startswith("G. (n.d.). Weights and Biases. In G.")


def test_term_page_shows_the_citation_without_javascript(dated_site: Site) -> None:
    html = dated_site.html("terms/parameter/")
    cite = html[html.index('<details class="gl-cite">') :]
    assert cite.startswith('<details class="gl-cite">\n<summary>Cite this term</summary>')
    assert '<code id="gl-cite-bibtex">@misc{parameter,\n  author = {{AI Glossary}},' in cite
    assert '<script src="../../assets/glossary-cite.js" defer></script>' in cite


def test_every_api_file_validates_against_the_published_schema(dated_site: Site) -> None:
    api = dated_site.site_dir / "api" / "v1"
    schema = json.loads((api / "term.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    files = sorted((api / "terms").glob("*.json"))
    assert [f.stem for f in files] == sorted(t.slug for t in parse_glossary(DATED, this_year=2026).terms)
    for file in files:
        jsonschema.validate(
            json.loads(file.read_text(encoding="utf-8")), schema, format_checker=jsonschema.FormatChecker()
        )


def test_api_term_file_holds_the_plain_definition(dated_site: Site) -> None:
    record = json.loads(_file(dated_site, "api/v1/terms/parameter.json"))
    assert record == {
        "version": 1,
        "slug": "parameter",
        "title": "Parameter",
        "short": "A number inside a model that is learned from data during training.",
        "url": "https://glossary.example.org/terms/parameter/",
        "path": "terms/parameter/",
        "reviewed": "2026-02-10",
        "site": "AI Glossary",
    }


def test_api_index_lists_every_term_and_the_address_patterns(dated_site: Site) -> None:
    listing = json.loads(_file(dated_site, "api/v1/terms.json"))
    assert (listing["page"], listing["term"]) == ("terms/{slug}/", "api/v1/terms/{slug}.json")
    assert listing["terms"][3] == ["parameter", "Parameter"]
    assert len(listing["terms"]) == 6


def test_deck_is_a_tab_separated_file_anki_imports(dated_site: Site) -> None:
    text = _file(dated_site, "paths/tuning/deck.tsv")
    header, rows = text.splitlines()[:3], text.splitlines()[3:]
    assert header == ["#separator:tab", "#html:false", "#columns:Front\tBack"]
    assert list(csv.reader(io.StringIO("\n".join(rows)), delimiter="\t")) == [
        ["Parameter", "A number inside a model that is learned from data during training."],
        ["Hyperparameter", "A setting chosen before training that controls how a model learns."],
    ]


def test_path_page_links_its_self_check_and_deck(dated_site: Site) -> None:
    html = dated_site.html("paths/tuning/")
    assert '<a href="check/">Check yourself</a>' in html
    assert '<a href="../../paths/tuning/deck.tsv" download="tuning-deck.tsv">' in html


def test_definition_questions_offer_the_paths_own_terms(dated_index: GlossaryIndex) -> None:
    questions = definition_questions(dated_index, "how-neural-networks-learn")
    path = set(dated_index.paths["how-neural-networks-learn"].steps)
    assert [q.answer.slug for q in questions] == list(dated_index.paths["how-neural-networks-learn"].steps)
    assert all(len(q.options) == 4 and {t.slug for t in q.options} <= path for q in questions)
    assert [t.slug for t in questions[0].options] == [
        "artificial-intelligence", "how-neural-networks-work", "neural-network", "parameter",
    ]  # fmt: skip


def test_a_contrast_pair_is_asked_once(dated_index: GlossaryIndex) -> None:
    (question,) = contrast_questions(dated_index, "tuning")
    assert question.prompt == (
        "Hyperparameter or Parameter? A setting chosen before training that controls how a model learns."
    )
    assert question.answer.slug == "hyperparameter"


def test_check_page_has_answers_to_score_and_links_to_read_again(dated_site: Site) -> None:
    html = dated_site.html("paths/tuning/check/")
    assert re.findall(r'data-gl-answer="([^"]+)"', html) == ["parameter", "hyperparameter", "hyperparameter"]
    assert 'Not quite. The answer is <a href="../../../terms/parameter/">Parameter</a>' in html
    assert '<details class="gl-faq"><summary>Are parameters and weights the same?</summary>' in html


@pytest.mark.parametrize(
    ("page", "scripts"),
    [
        ("", ["glossary-today.js"]),
        ("terms/parameter/", ["glossary-progress.js", "glossary-cite.js"]),
        ("paths/tuning/", ["glossary-progress.js"]),
        ("paths/tuning/check/", ["glossary-check.js"]),
        ("clusters/neural-networks/", []),
        ("whats-new/", []),
    ],
)
def test_learning_scripts_load_only_where_they_are_used(dated_site: Site, page: str, scripts: list[str]) -> None:
    html = dated_site.html(page)
    learning = re.findall(r'assets/(glossary-(?:today|progress|cite|check|embed)\.js)"', html)
    assert learning == scripts


def test_embed_script_is_shipped_but_no_page_of_the_site_loads_it(dated_site: Site) -> None:
    assert "textContent" in _file(dated_site, "assets/glossary-embed.js")
    assert not [p for p in dated_site.site_dir.rglob("*.html") if "glossary-embed.js" in p.read_text(encoding="utf-8")]


def test_learning_stylesheet_is_not_on_term_pages(dated_site: Site) -> None:
    assert "glossary-learn.css" not in dated_site.html("terms/parameter/")
    assert '<link rel="stylesheet" href="../../assets/glossary-learn.css">' in dated_site.html("paths/tuning/")
