"""Every page and file the glossary adds to a site, in one list."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from importlib import resources

from .. import urls
from ..export import api, feeds
from ..export import formats as exports
from ..export.deck import flashcards
from ..model.index import GlossaryIndex
from . import learning, overviews
from .conceptmap import CONCEPT_MAP_CSS
from .markup import Rendered
from .pages import (
    PLACEHOLDER_URL,
    a_to_z_page,
    a_to_z_part_page,
    a_to_z_parts,
    cluster_page,
    clusters_page,
    home_page,
    path_page,
    paths_page,
    term_page,
)
from .redirects import redirect_pages
from .templates import BUILT_IN, Templates


def generated_pages(
    index: GlossaryIndex,
    base_url: str = PLACEHOLDER_URL,
    site_name: str = "Glossary",
    templates: Templates = BUILT_IN,
    subject: str = "",
) -> Iterator[tuple[str, Callable[[], Rendered]]]:
    """Every generated page as (docs-relative source path, how to render it).

    Pages are rendered when MkDocs asks for them, so a build never holds every page's HTML at once.
    """
    chrome = {"templates": templates}
    yield urls.HOME, partial(home_page, index, templates, base_url, site_name)
    a_to_z = a_to_z_parts(index)
    yield urls.A_TO_Z, partial(a_to_z_page, index, parts=a_to_z, **chrome)
    letters = a_to_z or []
    for part in letters:
        yield part.page, partial(a_to_z_part_page, letters, part, **chrome)
    yield urls.CLUSTERS, partial(clusters_page, index, **chrome)
    yield urls.PATHS, partial(paths_page, index, **chrome)
    timeline = overviews.timeline_parts(index)
    yield overviews.TIMELINE, partial(overviews.timeline_page, index, subject=subject, parts=timeline, **chrome)
    decades = timeline or []
    for part in decades:
        yield part.page, partial(overviews.timeline_part_page, decades, part, subject=subject, **chrome)
    yield overviews.CORE, partial(overviews.core_vocabulary_page, index, subject=subject, **chrome)
    yield overviews.MAP, partial(overviews.concept_map_page, index, **chrome)
    yield urls.WHATS_NEW, partial(learning.whats_new_page, index, **chrome)
    for cluster in index.glossary.clusters:
        yield urls.cluster_page(cluster.id), partial(cluster_page, index, cluster.id, base_url, site_name, templates)
    for path in index.glossary.paths:
        yield urls.path_page(path.id), partial(path_page, index, path.id, **chrome)
        yield urls.check_page(path.id), partial(learning.check_page, index, path.id, **chrome)
    for term in index.glossary.terms:
        yield urls.term_page(term.slug), partial(term_page, index, term, base_url, site_name, templates)


STYLESHEET = "assets/glossary.css"
SEARCH_SCRIPT = "assets/glossary-search.js"
LEARNING_ASSETS = (
    urls.LEARN_STYLESHEET,
    urls.PROGRESS_SCRIPT,
    urls.CITE_SCRIPT,
    urls.CHECK_SCRIPT,
    urls.TODAY_SCRIPT,
    urls.EMBED_SCRIPT,
)
"""Loaded only by the pages that use them (each widget brings its own), never site-wide."""


def _asset(name: str) -> str:
    return resources.files("glossary_engine").joinpath(name).read_text(encoding="utf-8")


def generated_files(index: GlossaryIndex, base_url: str, site_name: str) -> Iterator[tuple[str, str]]:
    """Every other file the glossary adds, as (site path, content): the engine's assets and
    ``data_files``."""
    yield from asset_files()
    yield from data_files(index, base_url, site_name)
    yield from api.term_files(index, base_url, site_name)


def asset_files() -> Iterator[tuple[str, str]]:
    """The engine's stylesheet and scripts, as (site path, content)."""
    yield STYLESHEET, _asset(STYLESHEET) + CONCEPT_MAP_CSS
    yield SEARCH_SCRIPT, _asset(SEARCH_SCRIPT)
    for asset in LEARNING_ASSETS:
        yield asset, _asset(asset)


def data_files(index: GlossaryIndex, base_url: str, site_name: str) -> Iterator[tuple[str, str]]:
    """The files made from the whole glossary, as (site path, content): the exports, the feeds, the
    API's list of terms, each path's flashcards, and a forwarding page for each former slug."""
    yield urls.FEED_ATOM, feeds.to_atom(index, base_url, site_name)
    yield urls.FEED_JSON, feeds.to_json_feed(index, base_url, site_name)
    yield from api.listing_files(index, site_name)
    for path in index.glossary.paths:
        yield urls.deck_file(path.id), flashcards(index, path.id)
    yield "glossary.json", exports.to_json(index, base_url)
    yield "glossary.ttl", exports.to_skos(index, base_url, title=site_name)
    yield "glossary.csv", exports.to_csv(index)
    yield from redirect_pages(index, base_url)
