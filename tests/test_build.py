"""Build tests: small real sites built in temporary folders, asserting on the HTML they produce."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from conftest import DEFAULT_NAV, SMALL, BuildSite, Site, build_project, make_project
from glossary_engine.render.nav import NAV_CLUSTERS


def article(html: str) -> str:
    """The page's main content, without the navigation and header around it."""
    return html[html.index('<article class="md-content__inner') : html.index("</article>")]


def hrefs(html: str) -> list[str]:
    return re.findall(r'href="([^"]+)"', html)


def test_term_page_shows_definition_aliases_year_and_generality(small_site: Site) -> None:
    page = article(small_site.html("terms/parameter/"))
    assert '<h1 id="parameter">Parameter' in page
    assert '<p class="gl-short">A number inside a model that is learned from data during training.</p>' in page
    assert "<strong>Also known as:</strong> Weights, Model parameter" in page
    assert "<strong>Introduced:</strong> 1950" in page
    assert "<strong>Generality:</strong> 928 / 1000" in page


def test_term_page_has_every_section_present(small_site: Site) -> None:
    page = article(small_site.html("terms/parameter/"))
    headings = re.findall(r'<h2 [^>]*id="[^"]+">([^<]+)<', page)
    assert headings == [
        "Where it fits",
        "Why it matters",
        "How it works",
        "Examples",
        "Strengths and challenges",
        "Not to be confused with",
        "Common questions",
        "Related terms",
        "Concept map",
        "Referenced by",
        "Further reading",
    ]


def test_term_page_leaves_out_sections_it_has_no_content_for(small_site: Site) -> None:
    page = article(small_site.html("terms/weights-and-biases/"))
    assert "Why it matters" not in page
    assert "Further reading" not in page


def test_related_cards_show_title_definition_and_generality(small_site: Site) -> None:
    page = article(small_site.html("terms/parameter/"))
    cards = page[page.index('<div class="grid cards gl-cards">') :]
    assert re.findall(r'<a href="\.\./([^"]+)/" title="[^"]+"><strong>([^<]+)</strong></a>', cards)[:3] == [
        ("weights-and-biases", "Weights and Biases"),
        ("hyperparameter", "Hyperparameter"),
        ("neural-network", "Neural Network"),
    ]
    assert "<p>The two kinds of learned numbers in a neural network layer.</p>" in cards
    assert '<span class="gl-card-meta">Generality 940 · 1943</span>' in cards


def test_breadcrumb_runs_home_hub_cluster_term(small_site: Site) -> None:
    page = small_site.html("terms/parameter/")
    crumbs = page[page.index('<nav aria-label="Breadcrumb"') :]
    crumbs = crumbs[: crumbs.index("</nav>")]
    assert re.findall(r'<a href="([^"]+)">([^<]+)</a>', crumbs) == [
        ("../../", "Home"),
        ("../artificial-intelligence/", "Artificial Intelligence"),
        ("../../clusters/neural-networks/", "Neural Networks and Deep Learning"),
    ]
    assert crumbs.endswith('<span aria-current="page">Parameter</span>')


def test_hub_breadcrumb_is_home_then_hub(small_site: Site) -> None:
    page = small_site.html("terms/artificial-intelligence/")
    crumbs = page[page.index('<nav aria-label="Breadcrumb"') :]
    assert crumbs[: crumbs.index("</nav>")].endswith(
        '<a href="../../">Home</a> › <span aria-current="page">Artificial Intelligence</span>'
    )


def test_learning_path_box_gives_step_and_neighbours(small_site: Site) -> None:
    page = article(small_site.html("terms/parameter/"))
    box = page[page.index('<div class="admonition gl-path">') :]
    box = box[: box.index("</div>")]
    assert "<strong>How neural networks learn</strong></a> · step 4 of 5" in box
    assert re.search(r'← Read before: <a href="\.\./how-neural-networks-work/"[^>]*>How Neural Networks Work</a>', box)
    assert re.search(r'Read after: <a href="\.\./weights-and-biases/"[^>]*>Weights and Biases</a> →', box)
    assert "<strong>Tuning a model</strong></a> · step 1 of 2" in box


def test_where_it_fits_places_the_term_under_its_cluster_and_the_hub(small_site: Site) -> None:
    page = article(small_site.html("terms/parameter/"))
    section = page[page.index('id="where-it-fits"') :]
    section = section[: section.index("<h2")]
    assert re.search(
        r'Part of <a href="\.\./\.\./clusters/neural-networks/"><strong>Neural Networks and Deep Learning</strong>'
        r'</a> \(5 terms\), one of 2 clusters under <a href="\.\./artificial-intelligence/"[^>]*>Artificial'
        r" Intelligence</a>\.",
        section,
    )
    assert '<div class="admonition gl-path">' in section  # read before and after, per path
    assert '<a href="#where-it-fits" class="md-nav__link">' in small_site.html("terms/parameter/")  # in the contents


def test_the_hub_says_it_is_where_the_glossary_starts(small_site: Site) -> None:
    page = article(small_site.html("terms/artificial-intelligence/"))
    assert "Artificial Intelligence is where the glossary starts" in page


def test_first_step_has_no_read_before(small_site: Site) -> None:
    page = article(small_site.html("terms/artificial-intelligence/"))
    box = page[page.index('<div class="admonition gl-path">') :]
    assert "step 1 of 5" in box
    assert "Read before" not in box[: box.index("</div>")]


def test_referenced_by_lists_terms_pointing_here(small_site: Site) -> None:
    page = article(small_site.html("terms/hyperparameter/"))
    section = page[page.index('id="referenced-by"') :]
    section = section[section.index("<p>") : section.index("</p>")]
    assert re.findall(r">([^<]+)</a>", section) == ["Parameter"]


def test_prose_links_carry_the_definition_for_hover(small_site: Site) -> None:
    page = article(small_site.html("terms/parameter/"))
    assert (
        '<a href="../hyperparameter/" title="A setting chosen before training that controls how a model learns.">'
        "hyperparameters</a>" in page
    )


def test_prose_link_syntax_inside_code_is_kept_literally(small_site: Site) -> None:
    assert "<code>[[not-a-link]]</code>" in small_site.html("terms/parameter/")


def test_citations_link_their_locators(small_site: Site) -> None:
    page = article(small_site.html("terms/parameter/"))
    assert (
        "<li>Tom B. Brown, Benjamin Mann, Nick Ryder et al. (2020). <em>Language Models are Few-Shot Learners</em>. "
        "Advances in Neural Information Processing Systems 33. "
        '<a href="https://arxiv.org/abs/2005.14165">arXiv:2005.14165</a></li>' in page
    )
    assert "ISBN 9780262035613" in page


def test_cluster_page_lists_its_terms_by_generality(small_site: Site) -> None:
    page = article(small_site.html("clusters/neural-networks/"))
    titles = re.findall(r"<strong>([^<]+)</strong></a>", page)
    assert titles == ["Neural Network", "Parameter", "Weights and Biases", "How Neural Networks Work", "Hyperparameter"]


def test_path_page_lists_steps_in_order_with_definitions(small_site: Site) -> None:
    page = article(small_site.html("paths/how-neural-networks-learn/"))
    steps = re.findall(r'<li><a href="\.\./\.\./terms/([^/]+)/"', page)
    assert steps == [
        "artificial-intelligence",
        "neural-network",
        "how-neural-networks-work",
        "parameter",
        "weights-and-biases",
    ]
    assert "</a>: A number inside a model that is learned from data during training.\n<span" in page


def test_a_to_z_lists_terms_and_their_aliases(small_site: Site) -> None:
    page = article(small_site.html("terms/"))
    assert '<h2 id="w">W' in page
    assert re.search(r'<li>Weights: see <a href="parameter/"[^>]*>Parameter</a></li>', page)
    letters = re.findall(r'<h2 id="([a-z]+)">', page)
    assert letters == sorted(letters)
    jump = page[page.index('<p class="gl-jump">') :]
    assert re.findall(r'<a href="#([a-z]+)">', jump[: jump.index("</p>")]) == letters


def test_home_starts_from_the_hub_and_shows_clusters_and_paths(small_site: Site) -> None:
    page = article(small_site.html(""))
    assert re.search(r'Start with <a href="terms/artificial-intelligence/"[^>]*><strong>Artificial Intelligence', page)
    assert "clusters/foundations/" in hrefs(page)
    assert "paths/how-neural-networks-learn/" in hrefs(page)
    # The cluster's description is prose with a [[link]]: its card shows the words, not the syntax.
    assert "Networks of simple units that learn from data, starting with neural network." in page


def test_macros_render_links_cards_clusters_and_paths(small_site: Site) -> None:
    page = article(small_site.html("about/"))
    assert re.search(r'Read <a href="\.\./terms/parameter/" title="[^"]+">Parameter</a>', page)
    assert re.search(r'<a href="\.\./terms/hyperparameter/" title="[^"]+">hyperparameters</a>', page)
    assert re.search(
        r'<a href="\.\./terms/neural-network/" title="A model made of [^"]+"><strong>Neural Network</strong></a>', page
    )
    assert page.count('<div class="grid cards gl-cards">') == 2
    assert re.findall(r'<li><a href="\.\./terms/([^/]+)/"', page) == ["parameter", "hyperparameter"]


def test_term_and_path_pages_stay_out_of_the_navigation(small_site: Site) -> None:
    links = re.findall(r'<a href="([^"]*)" class="md-nav__link', small_site.html(""))
    assert "clusters/neural-networks/" in links
    assert "terms/" in links
    assert "paths/" in links
    assert not [link for link in links if link.startswith(("terms/", "paths/")) and link not in ("terms/", "paths/")]


def test_generated_pages_are_not_written_into_docs(small_site: Site) -> None:
    assert sorted(p.name for p in (small_site.root / "docs").rglob("*")) == ["about.md"]


def test_meta_description_is_the_one_line_definition(small_site: Site) -> None:
    assert (
        '<meta name="description" content="A number inside a model that is learned from data during training.">'
        in small_site.html("terms/parameter/")
    )


def test_macro_with_unknown_slug_fails_naming_the_page(build_site: BuildSite, caplog: pytest.LogCaptureFixture) -> None:
    docs = {"guide.md": "# Guide\n\nSome text.\n\nSee {{ term('paramter') }}.\n"}
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        build_site(docs=docs, nav=[{"Home": "index.md"}, {"Guide": "guide.md"}])
    assert "docs/guide.md:5: term: unknown term 'paramter' (did you mean 'parameter'?)" in caplog.text


def test_macro_with_unknown_slug_points_at_the_line_of_the_call(
    build_site: BuildSite, caplog: pytest.LogCaptureFixture
) -> None:
    docs = {
        "guide.md": (
            "# Guide\n\nThe term 'paramter' is misspelt below, and so is term('paramter') here.\n\n"
            "See {{ term('parameter') }} and {{ term(\n  \"paramter\") }}.\n"
        )
    }
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        build_site(docs=docs, nav=[{"Home": "index.md"}, {"Guide": "guide.md"}])
    assert "docs/guide.md:5: term: unknown term 'paramter' (did you mean 'parameter'?)" in caplog.text


@pytest.mark.parametrize(
    ("call", "message"),
    [
        ("term_card('nn')", "term_card: unknown term 'nn'"),
        (
            "cluster_cards('neural-network')",
            "cluster_cards: unknown cluster 'neural-network' (did you mean 'neural-networks'?)",
        ),
        ("learning_path('tunning')", "learning_path: unknown learning path 'tunning' (did you mean 'tuning'?)"),
    ],
)
def test_every_macro_rejects_unknown_names(
    build_site: BuildSite, caplog: pytest.LogCaptureFixture, call: str, message: str
) -> None:
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        build_site(docs={"guide.md": "# Guide\n\n{{ " + call + " }}\n"}, nav=[{"Guide": "guide.md"}])
    assert f"docs/guide.md:3: {message}" in caplog.text


def test_bad_glossary_fails_with_every_problem_and_keeps_the_old_site(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    root = make_project(tmp_path)
    site = build_project(root)
    before = site.html("terms/parameter/")
    bad = SMALL.replace("generality: 928", "generality: 9280").replace("related: [parameter]", "related: [paramter]")
    (root / "glossary.yaml").write_text(bad, encoding="utf-8")
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        build_project(root)
    assert "2 problems in the glossary:" in caplog.text
    assert (
        "glossary.yaml:109:15: term 'hyperparameter': related: unknown term 'paramter' (did you mean 'parameter'?)"
        in caplog.text
    )
    assert (
        "glossary.yaml:62:17: term 'parameter': generality: expected a whole number from 0 to 1000, got the number 9280"
        in caplog.text
    )
    assert "Traceback" not in caplog.text
    assert site.html("terms/parameter/") == before


def test_hand_written_page_cannot_shadow_a_generated_one(
    build_site: BuildSite, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        build_site(docs={"index.md": "# Mine\n"})
    assert "docs/index.md: the page generated from glossary.yaml goes to index.html; remove or rename the file" in (
        caplog.text
    )


def test_a_hand_written_page_that_lands_where_a_term_page_goes_is_refused(
    build_site: BuildSite, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        build_site(docs={"terms/parameter/index.md": "# Mine\n"})
    assert (
        "docs/terms/parameter/index.md: the page generated from glossary.yaml goes to terms/parameter/index.html;"
        " remove or rename the file" in caplog.text
    )


@pytest.mark.parametrize("path", ["glossary.json", "api/v1/terms/parameter.json"])
def test_hand_written_file_cannot_shadow_a_generated_file(
    build_site: BuildSite, caplog: pytest.LogCaptureFixture, path: str
) -> None:
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        build_site(docs={path: "{}"})
    assert f"{path}: the glossary generates this file; remove or rename it" in caplog.text


def test_hand_written_links_to_sections_of_generated_pages_resolve(build_site: BuildSite) -> None:
    # Generated pages tell MkDocs their heading ids, so its strict anchor validation covers them.
    guide = (
        "# Guide\n\nSee [the cards](terms/parameter.md#related-terms) and "
        "[a question](terms/parameter.md#are-parameters-and-weights-the-same).\n"
    )
    site = build_site(docs={"guide.md": guide}, nav=[*DEFAULT_NAV, {"Guide": "guide.md"}])
    assert 'href="../terms/parameter/#related-terms"' in site.html("guide/")


def test_hand_written_link_to_a_missing_section_of_a_generated_page_fails(
    build_site: BuildSite, caplog: pytest.LogCaptureFixture
) -> None:
    guide = "# Guide\n\nSee [nothing](terms/parameter.md#no-such-section).\n"
    with caplog.at_level(logging.WARNING), pytest.raises(Abort):
        build_site(docs={"guide.md": guide}, nav=[*DEFAULT_NAV, {"Guide": "guide.md"}])
    assert "the doc 'terms/parameter.md' does not contain an anchor '#no-such-section'" in caplog.text


def test_content_changes_by_earlier_plugins_survive_the_search_view(tmp_path: Path) -> None:
    # Search gets a lighter view of each generated page for a moment; what the theme gets back must
    # be the content as every plugin before ours left it.
    root = make_project(tmp_path)
    (root / "hooks" / "marker.py").write_text(
        "def on_page_content(html, page, config, files):\n    return html + '<p>MARKER</p>'\n", encoding="utf-8"
    )
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        config.replace("hooks:\n  - hooks/glossary.py", "hooks:\n  - hooks/marker.py\n  - hooks/glossary.py"),
        encoding="utf-8",
    )
    site = build_project(root)
    assert "<p>MARKER</p>" in site.html("terms/parameter/")
    assert "<p>MARKER</p>" in site.html("clusters/neural-networks/")
    # Again with a new site name: every page's content is in the page store, but no final page is, so
    # each page is read after all, and every plugin's page events run on it as on a page read at once.
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(re.sub(r"(?m)^site_name: .*$", "site_name: Renamed", config), encoding="utf-8")
    site = build_project(root)
    for page in ("terms/parameter/", "clusters/neural-networks/", "paths/how-neural-networks-learn/"):
        assert "Renamed" in site.html(page) and "<p>MARKER</p>" in site.html(page), page


def test_a_macro_called_with_wrong_arguments_is_a_message_at_its_line(
    build_site: BuildSite, caplog: pytest.LogCaptureFixture
) -> None:
    page = "# P\n\nText.\n\nA {{ term() }} and {{ cluster_cards(['a']) }}.\n"
    with pytest.raises(SystemExit):
        build_site(docs={"p.md": page}, nav=[*DEFAULT_NAV, {"P": "p.md"}])
    assert (
        "docs/p.md:5: term: missing 1 required positional argument: 'slug'; call it as term('slug'), with the name"
        " in quotes" in caplog.text
    )
    assert "docs/p.md:5: cluster_cards: unhashable type: 'list'" in caplog.text
    assert "Traceback" not in caplog.text


def test_with_many_clusters_the_nav_lists_only_the_clusters_index(build_site: BuildSite) -> None:
    # Past NAV_CLUSTERS clusters a nav entry per cluster would make every page grow with the glossary.
    extra = "".join(
        f"  - id: extra-{n}\n    title: Extra cluster {n}\n    description: More terms.\n" for n in range(NAV_CLUSTERS)
    )
    text = SMALL.replace("paths:\n", extra + "paths:\n", 1)
    site = build_site(text)  # strict: cluster pages out of the nav must raise no warning
    page = site.html("terms/parameter/")
    assert "Extra cluster 3" not in page.split('<div class="md-content"')[0]  # not in the nav
    assert 'href="../../clusters/"' in page  # the clusters index is
    assert "Extra cluster 3" in site.html("clusters/")  # which lists every cluster
    assert (site.site_dir / "clusters" / "extra-3" / "index.html").is_file()


def test_a_hand_written_page_may_link_the_exports(build_site: BuildSite) -> None:
    text = "# Get it\n\n[JSON](glossary.json), [feed](feed.xml).\n"
    built = build_site(docs={"get.md": text}, nav=[*DEFAULT_NAV, "get.md"])
    page = article(built.html("get/"))
    assert '<a href="../glossary.json">JSON</a>' in page and '<a href="../feed.xml">feed</a>' in page
    assert (built.site_dir / "glossary.json").read_text(encoding="utf-8").startswith('{"schema_version"')
