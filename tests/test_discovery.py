"""Discovery: structured data, overview pages, concept maps, redirects for renamed terms, exports."""

from __future__ import annotations

import json
import re

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SKOS

from conftest import SMALL, SMALL_SLUGS, BuildSite, Site
from glossary_engine import GlossaryError, parse_glossary

BASE = "https://glossary.example.org/"


def jsonld(html: str) -> dict[str, object]:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match, "no JSON-LD on the page"
    return dict(json.loads(match.group(1)))


def test_term_page_has_defined_term_json_ld(small_site: Site) -> None:
    data = jsonld(small_site.html("terms/parameter/"))
    assert data["@type"] == "DefinedTerm"
    assert data["name"] == "Parameter"
    assert data["alternateName"] == ["Weights", "Model parameter"]
    assert data["description"] == "A number inside a model that is learned from data during training."
    assert data["url"] == BASE + "terms/parameter/"
    assert data["inDefinedTermSet"] == {"@type": "DefinedTermSet", "@id": BASE, "name": "AI Glossary", "url": BASE}


def test_cluster_page_is_a_defined_term_set(small_site: Site) -> None:
    data = jsonld(small_site.html("clusters/neural-networks/"))
    assert data["@type"] == "DefinedTermSet"
    assert [t["name"] for t in data["hasDefinedTerm"]][:2] == ["Neural Network", "Parameter"]  # type: ignore[index]


def test_cluster_set_has_its_description_as_plain_text(small_site: Site) -> None:
    description = str(jsonld(small_site.html("clusters/neural-networks/"))["description"])
    assert description.startswith("Networks of simple units that learn from data, starting with ")
    assert "[[" not in description


def test_home_page_describes_the_glossary_as_a_defined_term_set(small_site: Site) -> None:
    data = jsonld(small_site.html(""))
    assert (data["@type"], data["@id"], data["name"]) == ("DefinedTermSet", BASE, "AI Glossary")
    assert str(data["description"]).startswith("A glossary of 6 Artificial Intelligence terms in 2 clusters")
    assert [part["@id"] for part in data["hasPart"]] == [  # type: ignore[index, union-attr]
        BASE + "clusters/foundations/",
        BASE + "clusters/neural-networks/",
    ]


def test_json_ld_cannot_end_its_script_element(build_site: BuildSite) -> None:
    # The loader refuses "</script>" in a one-line field; what it lets through that matters inside a
    # script element (a "<", "&", quotes) is escaped by tojson.
    site = build_site(SMALL.replace("short: A number inside", 'short: a < b & "c" <3 > A number inside'))
    html = site.html("terms/parameter/")
    assert "<3 > A number" not in html.split("application/ld+json", 1)[1].split("</script>", 1)[0]
    assert (
        jsonld(html)["description"]
        == 'a < b & "c" <3 > A number inside a model that is learned from data during training.'
    )


def test_canonical_url_and_sitemap(small_site: Site) -> None:
    assert f'<link rel="canonical" href="{BASE}terms/parameter/">' in small_site.html("terms/parameter/")
    assert f"<loc>{BASE}terms/parameter/</loc>" in (small_site.site_dir / "sitemap.xml").read_text(encoding="utf-8")


def test_timeline_groups_terms_by_decade(small_site: Site) -> None:
    page = small_site.html("timeline/")
    decades = re.findall(r'<h2 id="[^"]+">(\d{4}s)<', page)
    assert decades == ["1940s", "1950s"]
    order = re.findall(r"<li><strong>(\d{4})</strong>: <a [^>]*><strong>([^<]+)</strong>", page)
    assert order == [("1943", "Neural Network"), ("1950", "Parameter"), ("1956", "Artificial Intelligence")]


def test_core_vocabulary_lists_terms_by_generality(small_site: Site) -> None:
    page = small_site.html("core-vocabulary/")
    titles = re.findall(r"<li><a [^>]*><strong>([^<]+)</strong></a>", page)
    assert titles[:3] == ["Artificial Intelligence", "Neural Network", "Parameter"]
    assert "(928)" in page


def test_term_page_shows_its_concept_map(small_site: Site) -> None:
    page = small_site.html("terms/parameter/")
    section = page[page.index('id="concept-map"') :]
    assert section.index('<figure class="gl-map gl-map--term"') < section.index('id="referenced-by"')
    assert 'href="../how-neural-networks-work/"' in section[: section.index("</figure>")]


def test_concept_map_page_shows_every_term(small_site: Site) -> None:
    page = small_site.html("concept-map/")
    figure = page[page.index('<figure class="gl-map gl-map--glossary"') : page.index("</figure>")]
    assert sorted(set(re.findall(r'href="\.\./terms/([^/]+)/"', figure))) == sorted(SMALL_SLUGS)


RENAMED = SMALL.replace("    title: Parameter\n", "    title: Parameter\n    formerly: [model-parameter, weight]\n", 1)


def test_former_slugs_forward_to_the_term(build_site: BuildSite) -> None:
    site = build_site(RENAMED)
    for old in ("model-parameter", "weight"):
        page = (site.site_dir / "terms" / old / "index.html").read_text(encoding="utf-8")
        assert '<meta http-equiv="refresh" content="0; url=../parameter/">' in page
        assert f'<link rel="canonical" href="{BASE}terms/parameter/">' in page
        assert (site.site_dir / "terms" / old / "../parameter/index.html").resolve().is_file()


@pytest.mark.parametrize(
    ("formerly", "message"),
    [
        (
            "[hyperparameter]",
            "glossary.yaml:59:16: term 'parameter': formerly: 'hyperparameter' is the slug of a current term",
        ),
        ("[index]", "glossary.yaml:59:16: term 'parameter': formerly: 'index' is reserved for a page of the site"),
    ],
)
def test_former_slug_may_not_name_a_current_term_or_a_site_page(formerly: str, message: str) -> None:
    text = SMALL.replace("    title: Parameter\n", f"    title: Parameter\n    formerly: {formerly}\n", 1)
    with pytest.raises(GlossaryError) as caught:
        parse_glossary(text, this_year=2026)
    assert [str(p) for p in caught.value.problems] == [message]


def test_former_slug_may_not_be_claimed_twice() -> None:
    text = RENAMED.replace("    title: Hyperparameter\n", "    title: Hyperparameter\n    formerly: [weight]\n")
    with pytest.raises(GlossaryError) as caught:
        parse_glossary(text, this_year=2026)
    assert [str(p) for p in caught.value.problems] == [
        "glossary.yaml:106:16: term 'hyperparameter': formerly: 'weight' is already a former slug of term 'parameter'"
    ]


def test_site_publishes_json_skos_and_csv(small_site: Site) -> None:
    data = json.loads((small_site.site_dir / "glossary.json").read_text(encoding="utf-8"))
    assert data["schema_version"] == 1
    assert [t["slug"] for t in data["terms"]][:2] == ["artificial-intelligence", "neural-network"]
    graph = Graph().parse(small_site.site_dir / "glossary.ttl", format="turtle")
    parameter = URIRef(BASE + "terms/parameter/")
    assert (parameter, SKOS.altLabel, Literal("Weights", lang="en")) in graph
    assert (small_site.site_dir / "glossary.csv").read_text(encoding="utf-8").startswith("slug,title,")
