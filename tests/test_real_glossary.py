"""The real glossary.yaml: it loads cleanly, meets the content standard, and the real site builds strictly."""

from __future__ import annotations

from collections import Counter

import pytest

from conftest import ROOT, Site
from glossary_engine import GlossaryIndex, load_glossary
from glossary_engine.model.lint import lint

pytestmark = pytest.mark.content  # this site's own glossary, not a fixture

# Every term the hub's "Parameter" pages point to (issue 3).
PARAMETER_NEIGHBOURHOOD = {
    "artificial-intelligence", "neural-network", "how-neural-networks-work", "weights-and-biases",
    "hyperparameter", "parameterized-model", "parameter-size", "parameter-space", "tunable-parameters",
    "overparameterized", "training", "backpropagation", "gradient-descent", "stochastic-gradient-descent",
    "loss-function", "overfitting", "fine-tuning", "attention-mechanism", "large-language-model",
    "linear-regression", "learning-rate", "batch-size", "xavier-initialization", "he-initialization",
}  # fmt: skip


@pytest.fixture(scope="module")
def index() -> GlossaryIndex:
    return GlossaryIndex.build(load_glossary(ROOT / "glossary.yaml", display_path="glossary.yaml"))


def test_at_least_450_terms_in_10_to_15_clusters(index: GlossaryIndex) -> None:
    assert len(index.glossary.terms) >= 450
    sizes = Counter(t.cluster for t in index.glossary.terms)
    assert 10 <= len(sizes) <= 15
    assert min(sizes.values()) >= 10


def test_every_term_is_on_a_learning_path_and_has_a_review_date(index: GlossaryIndex) -> None:
    on_paths = {slug for path in index.glossary.paths for slug in path.steps}
    assert [t.slug for t in index.glossary.terms if t.slug not in on_paths] == []
    assert [t.slug for t in index.glossary.terms if t.reviewed is None] == []


def test_parameter_shows_all_four_seed_pages(index: GlossaryIndex) -> None:
    parameter = index.terms["parameter"]
    assert "attention-mechanism" in parameter.related
    bishop = [c for c in parameter.further_reading if c.title == "Pattern Recognition and Machine Learning"]
    assert [(c.authors, c.year) for c in bishop] == [(("Christopher M. Bishop",), 2006)]
    assert (parameter.year, parameter.generality, parameter.aliases[0]) == (1950, 928, "Weights")


def test_at_least_10_learning_paths(index: GlossaryIndex) -> None:
    assert len(index.glossary.paths) >= 10


def test_the_parameter_neighbourhood_is_all_there(index: GlossaryIndex) -> None:
    assert PARAMETER_NEIGHBOURHOOD - set(index.terms) == set()


def test_parameter_fills_every_field(index: GlossaryIndex) -> None:
    term = index.terms["parameter"]
    assert "Weights" in term.aliases
    assert (term.year, term.generality, term.cluster) == (1950, 928, "neural-networks")
    assert [c.term for c in term.contrast][:1] == ["hyperparameter"]
    for name in (
        "why_it_matters",
        "how_it_works",
        "examples",
        "strengths",
        "challenges",
        "questions",
        "further_reading",
    ):
        assert getattr(term, name), name
    neighbours = {
        (p.before.slug if p.before else None, p.after.slug if p.after else None) for p in index.positions["parameter"]
    }
    assert ("how-neural-networks-work", "weights-and-biases") in neighbours


def test_the_hub_is_artificial_intelligence(index: GlossaryIndex) -> None:
    assert index.hub.title == "Artificial Intelligence"


def test_real_site_builds_strictly_with_every_page(index: GlossaryIndex, real_site: Site) -> None:
    for term in index.glossary.terms:
        assert (real_site.site_dir / "terms" / term.slug / "index.html").is_file(), term.slug
    for cluster in index.glossary.clusters:
        assert (real_site.site_dir / "clusters" / cluster.id / "index.html").is_file()
    for path in index.glossary.paths:
        assert (real_site.site_dir / "paths" / path.id / "index.html").is_file()


def test_real_parameter_page_shows_path_neighbours(real_site: Site) -> None:
    page = real_site.html("terms/parameter/")
    assert 'Read before: <a href="../how-neural-networks-work/"' in page
    assert 'Read after: <a href="../weights-and-biases/"' in page


def test_editors_guide_lists_every_term_field(real_site: Site) -> None:
    from glossary_engine.load.schema import TERM_FIELDS

    page = real_site.html("editing/")
    for field in TERM_FIELDS:
        assert f"<code>{field.name}</code>" in page


def test_content_lint_finds_nothing(index: GlossaryIndex) -> None:
    assert [str(f) for f in lint(index)] == []
