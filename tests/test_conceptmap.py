"""Concept maps: the SVG is well-formed, shows the right terms, links to the right URLs and reads well.

Run with UPDATE_GOLDEN=1 to rewrite tests/golden/parameter-map.svg after an intended change.
"""

from __future__ import annotations

import colorsys
import os
import posixpath
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import replace
from itertools import combinations
from pathlib import Path

import pytest
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from conftest import DATA, DEFAULT_NAV, SMALL, BuildSite
from glossary_engine import Cluster, Glossary, GlossaryIndex, Term, parse_glossary
from glossary_engine.render.conceptmap import (
    CONCEPT_MAP_CSS,
    MAP_TERMS_PER_CLUSTER,
    MAX_NEIGHBOURS,
    glossary_map,
    term_map,
)
from glossary_engine.urls import page_url

GOLDEN = Path(__file__).resolve().parent / "golden"
SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = "<b>\"Hyper\"</b> & 'co'"
PARAMETER_NEIGHBOURS = {
    "artificial-intelligence",  # links here
    "neural-network",  # related, links here
    "how-neural-networks-work",  # links here, the step before on "How neural networks learn"
    "weights-and-biases",  # related, links here, the step after on "How neural networks learn"
    "hyperparameter",  # related, links here, the step after on "Tuning a model"
}


@pytest.fixture(scope="module")
def index() -> GlossaryIndex:
    return GlossaryIndex.build(parse_glossary(SMALL, this_year=2026))


def figure(markup: str) -> ET.Element:
    """The map parsed as XML: parsing fails unless it is well-formed."""
    return ET.fromstring(markup)


def svg_of(markup: str) -> ET.Element:
    svg = figure(markup).find(f"{SVG}svg")
    assert svg is not None
    return svg


def classes(element: ET.Element) -> set[str]:
    return set(element.get("class", "").split())


def with_class(root: ET.Element, name: str) -> list[ET.Element]:
    return [e for e in root.iter() if name in classes(e)]


def neighbour_links(markup: str) -> dict[str, ET.Element]:
    """Each neighbour node of a term map, by its href."""
    nodes = [n for n in with_class(svg_of(markup), "gl-map__node") if n.tag == f"{SVG}a"]
    hrefs = [n.get("href", "") for n in nodes]
    assert len(hrefs) == len(set(hrefs)), hrefs
    return dict(zip(hrefs, nodes, strict=True))


def label(element: ET.Element) -> str:
    text = element.find(f"{SVG}text")
    assert text is not None
    return text.text or ""


def box(element: ET.Element) -> tuple[float, float, float, float]:
    rect = element.find(f"{SVG}rect")
    assert rect is not None
    return tuple(float(rect.get(k, "nan")) for k in ("x", "y", "width", "height"))  # type: ignore[return-value]


def glossary_with(center: Term, others: list[Term]) -> GlossaryIndex:
    """A one-cluster glossary built straight from records, for shapes small.yaml does not have."""
    terms = (center, *others)
    return GlossaryIndex.build(Glossary(center.slug, (Cluster("c", "Cluster", "All of them."),), (), terms))


def plain_term(slug: str, title: str, generality: int = 500, related: tuple[str, ...] = ()) -> Term:
    return Term(slug, title, "Short.", "Explanation.", generality, "c", related=related)


def hub_with_neighbours(count: int) -> GlossaryIndex:
    """A hub related to ``count`` terms of generality 0, 10, 20 … (so the least general are t00, t01 …)."""
    others = [plain_term(f"t{i:02d}", f"Term {i:02d}", 10 * i) for i in range(count)]
    return glossary_with(plain_term("hub", "Hub", 1000, tuple(t.slug for t in others)), others)


# page_url


@pytest.mark.parametrize(
    ("from_page", "to_page", "url"),
    [
        ("terms/a.md", "terms/b.md", "../b/"),
        ("terms/a.md", "clusters/x.md", "../../clusters/x/"),
        ("terms/a.md", "index.md", "../../"),
        ("terms/a.md", "terms/index.md", "../"),
        ("terms/a.md", "terms/a.md", "./"),
        ("index.md", "terms/a.md", "terms/a/"),
        ("index.md", "index.md", "./"),
        ("terms/index.md", "terms/a.md", "a/"),
        ("clusters/index.md", "clusters/x.md", "x/"),
        ("clusters/x.md", "index.md", "../../"),
    ],
)
def test_page_url_is_the_directory_url_relative_to_the_page(from_page: str, to_page: str, url: str) -> None:
    assert page_url(from_page, to_page) == url


def test_page_url_agrees_with_mkdocs_own_urls() -> None:
    pages = ["index.md", "about.md", "terms/index.md", "terms/a.md", "clusters/x.md", "paths/p.md", "a/b/c.md"]
    pages += ["guide/README.md", "README.md", "notes.markdown", "deep/er/index.mkd", "x/y.mdown"]

    def url(page: str) -> str:
        return File(page, "docs", "site", use_directory_urls=True).url

    for source in pages:
        for target in pages:
            assert page_url(source, target) == get_relative_url(url(target), url(source)), (source, target)


# term_map


def test_term_map_has_the_term_in_the_centre(index: GlossaryIndex) -> None:
    (centre,) = with_class(svg_of(term_map(index, "parameter", "terms/parameter.md")), "gl-map__node--centre")
    assert label(centre) == "Parameter"
    assert centre.tag != f"{SVG}a"


def test_term_map_shows_related_terms_backlinks_and_path_neighbours_once_each(index: GlossaryIndex) -> None:
    links = neighbour_links(term_map(index, "parameter", "terms/parameter.md"))
    assert set(links) == {f"../{slug}/" for slug in PARAMETER_NEIGHBOURS}


def test_term_map_leaves_out_terms_not_linked_to_the_term(index: GlossaryIndex) -> None:
    links = neighbour_links(term_map(index, "artificial-intelligence", "terms/artificial-intelligence.md"))
    assert set(links) == {"../neural-network/", "../parameter/"}


def test_term_map_labels_each_neighbour_with_its_title(index: GlossaryIndex) -> None:
    links = neighbour_links(term_map(index, "parameter", "terms/parameter.md"))
    assert {label(node) for node in links.values()} == {index.terms[s].title for s in PARAMETER_NEIGHBOURS}


def test_term_map_links_are_relative_to_the_page_it_is_on(index: GlossaryIndex) -> None:
    links = neighbour_links(term_map(index, "parameter", "index.md"))
    assert set(links) == {f"terms/{slug}/" for slug in PARAMETER_NEIGHBOURS}


def test_term_map_styles_a_neighbour_by_path_then_related_then_backlink(index: GlossaryIndex) -> None:
    links = neighbour_links(term_map(index, "parameter", "terms/parameter.md"))
    kinds = {href: classes(node) - {"gl-map__node"} for href, node in links.items()}
    assert kinds == {
        "../how-neural-networks-work/": {"gl-map__node--path"},
        "../weights-and-biases/": {"gl-map__node--path"},
        "../hyperparameter/": {"gl-map__node--path"},
        "../neural-network/": {"gl-map__node--related"},
        "../artificial-intelligence/": {"gl-map__node--referenced-by"},
    }


def test_term_map_draws_one_edge_per_neighbour_in_its_style(index: GlossaryIndex) -> None:
    svg = svg_of(term_map(index, "parameter", "terms/parameter.md"))
    edges = svg.find(f"{SVG}g[@class='gl-map__edges']")
    assert edges is not None
    kinds = sorted(c for e in edges for c in classes(e) if c != "gl-map__edge")
    assert kinds == ["gl-map__edge--path"] * 3 + ["gl-map__edge--referenced-by", "gl-map__edge--related"]


def _edge_touching(svg: ET.Element, node: ET.Element) -> ET.Element:
    """The edge with an end just outside ``node``'s box."""
    x, y, w, h = box(node)
    for edge in with_class(svg, "gl-map__edge"):
        for end in ("1", "2"):
            ex, ey = float(edge.get("x" + end, "nan")), float(edge.get("y" + end, "nan"))
            if x - 5 <= ex <= x + w + 5 and y - 5 <= ey <= y + h + 5:
                return edge
    raise AssertionError("no edge reaches the node")


def test_path_edges_point_in_reading_order(index: GlossaryIndex) -> None:
    svg = svg_of(term_map(index, "parameter", "terms/parameter.md"))
    links = neighbour_links(term_map(index, "parameter", "terms/parameter.md"))
    before = _edge_touching(svg, links["../how-neural-networks-work/"])
    after = _edge_touching(svg, links["../weights-and-biases/"])
    bx, _, bw, _ = box(links["../how-neural-networks-work/"])
    ax, _, aw, _ = box(links["../weights-and-biases/"])
    # The arrowhead sits at the end (x2, y2): at the centre for the step before, at the node for the step after.
    assert before.get("marker-end") == after.get("marker-end") == "url(#gl-map-term-parameter-arrow)"
    assert not bx - 5 <= float(before.get("x2", "nan")) <= bx + bw + 5
    assert ax - 5 <= float(after.get("x2", "nan")) <= ax + aw + 5


def test_term_map_legend_names_only_the_kinds_drawn(index: GlossaryIndex) -> None:
    (legend,) = with_class(svg_of(term_map(index, "hyperparameter", "terms/hyperparameter.md")), "gl-map__legend")
    assert [t.text for t in legend.iter(f"{SVG}text")] == ["Learning path, in reading order"]


def test_term_map_is_labelled_by_its_title_and_description(index: GlossaryIndex) -> None:
    svg = svg_of(term_map(index, "parameter", "terms/parameter.md"))
    assert svg.get("role") == "group"
    assert svg.get("aria-labelledby") == "gl-map-term-parameter-title"
    assert svg.get("aria-describedby") == "gl-map-term-parameter-desc"
    ids = {e.get("id"): e for e in svg.iter() if e.get("id")}
    assert ids["gl-map-term-parameter-title"].tag == f"{SVG}title"
    assert ids["gl-map-term-parameter-desc"].tag == f"{SVG}desc"


def test_term_map_description_says_how_each_neighbour_is_linked(index: GlossaryIndex) -> None:
    desc = svg_of(term_map(index, "parameter", "terms/parameter.md")).find(f"{SVG}desc")
    assert desc is not None
    assert desc.text == (
        "Parameter and the terms linked to it. Related: Hyperparameter, Neural Network, Weights and Biases. "
        "Links here: Artificial Intelligence, How Neural Networks Work, Hyperparameter, Neural Network, "
        "Weights and Biases. On learning paths: How Neural Networks Work comes before it on “How neural networks "
        "learn”; Hyperparameter comes after it on “Tuning a model”; Weights and Biases comes after it on “How "
        "neural networks learn”."
    )


def test_maps_on_one_page_have_no_ids_in_common(index: GlossaryIndex) -> None:
    maps = [term_map(index, s, "about.md") for s in index.terms] + [glossary_map(index, "about.md")]
    ids = [e.get("id") for m in maps for e in svg_of(m).iter() if e.get("id")]
    assert len(ids) == len(set(ids)) > 0


def test_term_map_keeps_the_most_general_neighbours() -> None:
    links = neighbour_links(term_map(hub_with_neighbours(MAX_NEIGHBOURS + 4), "hub", "terms/hub.md"))
    assert set(links) == {f"../t{i:02d}/" for i in range(4, MAX_NEIGHBOURS + 4)}


def test_term_map_keeps_related_terms_before_more_general_terms_that_link_here() -> None:
    # t00 (generality 0) is related; twenty very general terms only link here.
    linkers = [
        Term(f"l{i:02d}", f"Linker {i:02d}", "Short.", "See [[hub]].", 900, "c") for i in range(MAX_NEIGHBOURS + 4)
    ]
    index = glossary_with(plain_term("hub", "Hub", 1000, ("t00",)), [plain_term("t00", "Term 00", 0), *linkers])
    assert "../t00/" in neighbour_links(term_map(index, "hub", "terms/hub.md"))


def test_term_map_caption_says_how_many_neighbours_are_not_shown() -> None:
    caption = figure(term_map(hub_with_neighbours(MAX_NEIGHBOURS + 4), "hub", "terms/hub.md")).find("figcaption")
    assert caption is not None
    assert caption.text == "Hub and 16 of its 20 linked terms, related terms first; 4 more not shown."


def test_term_map_caption_counts_all_neighbours_when_all_are_shown(index: GlossaryIndex) -> None:
    caption = figure(term_map(index, "parameter", "terms/parameter.md")).find("figcaption")
    assert caption is not None
    assert caption.text == "Parameter and its 5 linked terms."


def test_term_map_boxes_do_not_overlap_with_the_most_neighbours() -> None:
    svg = svg_of(term_map(hub_with_neighbours(MAX_NEIGHBOURS), "hub", "terms/hub.md"))
    boxes = [box(n) for n in with_class(svg, "gl-map__node")]
    assert len(boxes) == MAX_NEIGHBOURS + 1
    for (x1, y1, w1, h1), (x2, y2, w2, h2) in combinations(boxes, 2):
        assert x1 + w1 <= x2 or x2 + w2 <= x1 or y1 + h1 <= y2 or y2 + h2 <= y1
    _, _, width, height = (float(v) for v in svg.get("viewBox", "").split())
    assert all(x >= 0 and x + w <= width and y >= 0 and y + h <= height for x, y, w, h in boxes)


def test_term_without_neighbours_has_no_map() -> None:
    assert term_map(glossary_with(plain_term("alone", "Alone"), []), "alone", "terms/alone.md") == ""


def test_long_titles_are_cut_with_an_ellipsis_and_shown_whole_on_hover() -> None:
    long = "Reinforcement Learning from Human Feedback for Very Long Titles"
    index = glossary_with(plain_term("hub", "Hub", related=("long",)), [plain_term("long", long)])
    node = neighbour_links(term_map(index, "hub", "terms/hub.md"))["../long/"]
    assert label(node).endswith("…")
    assert long.startswith(label(node).removesuffix("…"))
    title = node.find(f"{SVG}title")
    assert title is not None
    assert title.text == f"{long} (related)"


def test_term_map_escapes_titles(index: GlossaryIndex) -> None:
    hostile = GlossaryIndex.build(
        replace(
            index.glossary,
            terms=tuple(replace(t, title=HOSTILE) if t.slug == "hyperparameter" else t for t in index.glossary.terms),
        )
    )
    markup = term_map(hostile, "parameter", "terms/parameter.md")
    assert "<b>" not in markup
    assert label(neighbour_links(markup)["../hyperparameter/"]) == HOSTILE


def test_term_map_is_the_same_whatever_the_hash_seed() -> None:
    script = (
        "from pathlib import Path\n"
        "from glossary_engine import GlossaryIndex, parse_glossary\n"
        "from glossary_engine.render.conceptmap import term_map\n"
        f"text = Path({str(DATA / 'small.yaml')!r}).read_text(encoding='utf-8')\n"
        "index = GlossaryIndex.build(parse_glossary(text, this_year=2026))\n"
        "print(''.join(term_map(index, s, 'terms/x.md') for s in sorted(index.terms)))\n"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", script],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(outputs) == 1


def test_term_map_does_not_depend_on_the_order_of_terms_in_the_file(index: GlossaryIndex) -> None:
    reversed_index = GlossaryIndex.build(replace(index.glossary, terms=index.glossary.terms[::-1]))
    for slug in index.terms:
        assert term_map(reversed_index, slug, "terms/x.md") == term_map(index, slug, "terms/x.md")


def test_parameter_map_golden(index: GlossaryIndex) -> None:
    markup = term_map(index, "parameter", "terms/parameter.md")
    svg = markup[markup.index("<svg") : markup.index("</svg>") + len("</svg>")] + "\n"
    path = GOLDEN / "parameter-map.svg"
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(svg, encoding="utf-8")
    assert svg == path.read_text(encoding="utf-8")


# glossary_map


def panels(markup: str) -> list[ET.Element]:
    return with_class(svg_of(markup), "gl-map__panel")


def test_glossary_map_has_one_panel_per_cluster_linked_to_its_page(index: GlossaryIndex) -> None:
    headings = [with_class(p, "gl-map__cluster") for p in panels(glossary_map(index, "index.md"))]
    assert [[h.get("href") for h in heading] for heading in headings] == [
        ["clusters/foundations/"],
        ["clusters/neural-networks/"],
    ]
    assert [label(h[0]) for h in headings] == ["Foundations of AI", "Neural Networks and Deep Learning"]


def test_glossary_map_links_every_term_of_small_clusters_once(index: GlossaryIndex) -> None:
    hrefs = [a.get("href", "") for a in with_class(svg_of(glossary_map(index, "index.md")), "gl-map__term")]
    assert sorted(hrefs) == sorted(f"terms/{slug}/" for slug in index.terms)
    assert with_class(svg_of(glossary_map(index, "index.md")), "gl-map__more") == []


def large_index(count: int) -> GlossaryIndex:
    others = [plain_term(f"t{i:03d}", f"Term number {i:03d}", i * 4) for i in range(count)]
    clusters = tuple(Cluster(f"c{i}", f"Cluster {i}", "Some.") for i in range(12))
    terms = tuple(replace(t, cluster=f"c{i % 12}") for i, t in enumerate(others))
    return GlossaryIndex.build(Glossary("t000", clusters, (), terms))


def test_glossary_map_draws_a_large_cluster_s_most_general_terms_and_links_to_the_rest() -> None:
    index = large_index(250)  # 21 terms in cluster c0
    panel = panels(glossary_map(index, "index.md"))[0]
    shown = [a.get("href") for a in with_class(panel, "gl-map__term")]
    assert shown == [f"terms/{t.slug}/" for t in index.cluster_terms["c0"][:MAP_TERMS_PER_CLUSTER]]
    (rest,) = with_class(panel, "gl-map__more")
    assert rest.get("href") == "clusters/c0/"
    assert label(rest) == f"and {21 - MAP_TERMS_PER_CLUSTER} more: all 21 terms →"


def test_glossary_map_lists_a_cluster_most_general_first(index: GlossaryIndex) -> None:
    panel = panels(glossary_map(index, "clusters/index.md"))[1]
    assert [a.get("href") for a in with_class(panel, "gl-map__term")] == [
        "../terms/neural-network/",  # 940
        "../terms/parameter/",  # 928
        "../terms/weights-and-biases/",  # 850
        "../terms/how-neural-networks-work/",  # 800, and "How" sorts before "Hyperparameter"
        "../terms/hyperparameter/",  # 800
    ]


def test_glossary_map_draws_more_general_terms_with_bigger_dots(index: GlossaryIndex) -> None:
    svg = svg_of(glossary_map(index, "index.md"))
    radius = {}
    for link in with_class(svg, "gl-map__term"):
        dot = link.find(f"{SVG}circle")
        assert dot is not None
        radius[link.get("href")] = float(dot.get("r", "nan"))
    assert radius["terms/artificial-intelligence/"] > radius["terms/parameter/"] > radius["terms/hyperparameter/"]


def test_glossary_map_is_labelled_by_its_title_and_description(index: GlossaryIndex) -> None:
    svg = svg_of(glossary_map(index, "index.md"))
    assert svg.get("role") == "group"
    assert svg.get("aria-labelledby") == "gl-map-glossary-title"
    assert svg.get("aria-describedby") == "gl-map-glossary-desc"
    desc = svg.find(f"{SVG}desc")
    assert desc is not None
    assert desc.text == (
        "The glossary's 6 terms in 2 clusters, each with its most general terms: Foundations of AI (1); "
        "Neural Networks and Deep Learning (5)."
    )


def test_glossary_map_escapes_cluster_and_term_titles(index: GlossaryIndex) -> None:
    glossary = index.glossary
    hostile = GlossaryIndex.build(
        replace(
            glossary,
            clusters=tuple(replace(c, title=HOSTILE) for c in glossary.clusters),
            terms=tuple(replace(t, title=HOSTILE + t.slug) for t in glossary.terms),
        )
    )
    markup = glossary_map(hostile, "index.md")
    assert "<b>" not in markup
    headings = with_class(svg_of(markup), "gl-map__cluster-label")
    assert [h.text for h in headings] == [HOSTILE, HOSTILE]


def test_glossary_map_fits_every_term_it_draws_inside_its_panel_at_full_scale() -> None:
    svg = svg_of(glossary_map(large_index(250), "index.md"))
    seen = set()
    for panel in with_class(svg, "gl-map__panel"):
        rect = panel.find(f"{SVG}rect")
        assert rect is not None
        x, y, w, h = (float(rect.get(k, "nan")) for k in ("x", "y", "width", "height"))
        for dot in panel.iter(f"{SVG}circle"):
            cx, cy = float(dot.get("cx", "nan")), float(dot.get("cy", "nan"))
            assert x < cx < x + w and y < cy < y + h
            seen.add((cx, cy))
        for text in panel.iter(f"{SVG}text"):
            assert y < float(text.get("y", "nan")) < y + h
    assert len(seen) == 12 * MAP_TERMS_PER_CLUSTER


# CSS: text contrast in both of Material's schemes

# mkdocs-material 9.8.1 (pinned) with mkdocs.yml's palette: primary indigo, accent teal.
MATERIAL = {
    "default": {
        "--md-default-fg-color": "#000000de",
        "--md-default-fg-color--light": "#0000008a",
        "--md-default-fg-color--lighter": "#00000052",
        "--md-default-fg-color--lightest": "#00000012",
        "--md-default-bg-color": "#ffffff",
        "--md-primary-fg-color": "#4051b5",
        "--md-primary-bg-color": "#ffffff",
        "--md-typeset-a-color": "#4051b5",
        "--md-accent-fg-color": "#00bda4",
    },
    "slate": {
        "--md-default-fg-color": "hsla(225, 15%, 90%, 0.82)",
        "--md-default-fg-color--light": "hsla(225, 15%, 90%, 0.56)",
        "--md-default-fg-color--lighter": "hsla(225, 15%, 90%, 0.32)",
        "--md-default-fg-color--lightest": "hsla(225, 15%, 90%, 0.12)",
        "--md-default-bg-color": "hsla(225, 15%, 14%, 1)",
        "--md-primary-fg-color": "#4051b5",
        "--md-primary-bg-color": "#ffffff",
        "--md-typeset-a-color": "#5488e8",
        "--md-accent-fg-color": "#00bda4",
    },
}
Rgba = tuple[float, float, float, float]


def css_rules() -> dict[str, dict[str, str]]:
    rules: dict[str, dict[str, str]] = {}
    for selectors, body in re.findall(r"([^{}]+)\{([^}]*)\}", re.sub(r"/\*.*?\*/", "", CONCEPT_MAP_CSS, flags=re.S)):
        declarations = dict(d.split(":", 1) for d in body.split(";") if d.strip())
        for selector in selectors.split(","):
            rules.setdefault(" ".join(selector.split()), {}).update(
                {k.strip(): v.strip() for k, v in declarations.items()}
            )
    return rules


def colour(value: str, scheme: str) -> Rgba:
    """A CSS colour from the map's stylesheet, with its variable resolved (the first, not the fallback)."""
    name = re.match(r"var\((--[\w-]+)", value)
    assert name, value
    raw = MATERIAL[scheme][name.group(1)]
    if raw.startswith("#"):
        digits = raw[1:] + ("ff" if len(raw) == 7 else "")
        r, g, b, a = (int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4, 6))
        return r, g, b, a
    h, s, light, a = (float(v.strip(" %deg")) for v in raw[5:-1].split(","))
    r, g, b = colorsys.hls_to_rgb(h / 360, light / 100, s / 100)
    return r, g, b, a


def over(top: Rgba, bottom: Rgba) -> Rgba:
    a = top[3]
    return (*(t * a + b * (1 - a) for t, b in zip(top[:3], bottom[:3], strict=True)), 1.0)  # type: ignore[return-value]


def contrast(one: Rgba, two: Rgba) -> float:
    def luminance(c: Rgba) -> float:
        linear = [v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4 for v in c[:3]]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(one), luminance(two)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_map_text_meets_wcag_aa_contrast_in_both_schemes(scheme: str) -> None:
    rules = css_rules()
    page = colour("var(--md-default-bg-color)", scheme)
    text = over(colour(rules[".gl-map__svg text"]["fill"], scheme), page)
    centre_text = colour(rules[".gl-map__svg .gl-map__node--centre .gl-map__label"]["fill"], scheme)
    backgrounds = {
        "page (legend)": page,
        "neighbour box": over(colour(rules[".gl-map__box"]["fill"], scheme), page),
        "cluster panel": over(colour(rules[".gl-map__panel-box"]["fill"], scheme), page),
    }
    for name, background in backgrounds.items():
        assert contrast(text, background) >= 4.5, name
    assert contrast(centre_text, colour(rules[".gl-map__node--centre .gl-map__box"]["fill"], scheme)) >= 4.5


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_map_edges_meet_wcag_non_text_contrast_in_both_schemes(scheme: str) -> None:
    rules = css_rules()
    page = colour("var(--md-default-bg-color)", scheme)
    for kind in ("related", "referenced-by", "path"):
        stroke = rules.get(f".gl-map__edge--{kind}", {}).get("stroke") or rules[".gl-map__edge"]["stroke"]
        assert contrast(over(colour(stroke, scheme), page), page) >= 3, kind


# In a real build


def test_maps_pass_through_a_real_build_untouched_and_every_link_resolves(build_site: BuildSite) -> None:
    index = GlossaryIndex.build(parse_glossary(SMALL, this_year=2026))
    maps = {
        "maps/parameter.md": term_map(index, "parameter", "maps/parameter.md"),
        "maps/all.md": glossary_map(index, "maps/all.md"),
    }
    docs = {page: f"# Map\n\nBefore.\n\n{markup}\nAfter.\n" for page, markup in maps.items()}
    site = build_site(docs=docs, nav=[*DEFAULT_NAV, {"Maps": list(maps)}])
    for page, markup in maps.items():
        url = page.removesuffix(".md") + "/"
        assert markup.strip() in site.html(url)
        for href in re.findall(r'href="([^"]+)"', markup):
            target = posixpath.normpath(posixpath.join(url, href))
            assert (site.site_dir / target / "index.html").is_file(), (page, href)
