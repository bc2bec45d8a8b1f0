"""Put the cluster pages into the site navigation, in glossary order, while there are few of them.

In ``mkdocs.yml`` an editor writes ``- Clusters: clusters/index.md``; with up to ``NAV_CLUSTERS``
clusters the section is filled with one entry per cluster. Every nav entry is repeated on every page,
so a nav that grows with the glossary makes every page heavier and the whole build slower: term pages
and learning-path pages always stay out of it, and past ``NAV_CLUSTERS`` clusters so do the cluster
pages. They are reached from their index pages (the clusters index lists every cluster as a card).
"""

from __future__ import annotations

from typing import Any

from .. import urls
from ..model.index import GlossaryIndex
from .longlist import is_part

NAV_CLUSTERS = 20
"""The most clusters the nav lists one by one (a sidebar of more is no longer navigation); with more,
the nav shows only the clusters index, and a term page stays the same size at any glossary size."""


def clusters_in_nav(index: GlossaryIndex) -> bool:
    """Whether the nav lists each cluster (few clusters) or only the clusters index (many)."""
    return len(index.glossary.clusters) <= NAV_CLUSTERS


def expand_nav(nav: list[Any] | None, index: GlossaryIndex) -> list[Any] | None:
    """Return ``nav`` with the clusters index entry expanded into a section of every cluster, when
    ``clusters_in_nav``; otherwise unchanged."""
    if nav is None or not clusters_in_nav(index):
        return nav
    sections = {urls.CLUSTERS: [{c.title: urls.cluster_page(c.id)} for c in index.glossary.clusters]}
    expanded: list[Any] = []
    for item in nav:
        if isinstance(item, dict) and len(item) == 1:
            ((title, target),) = item.items()
            if isinstance(target, str) and target in sections:
                expanded.append({title: [target, *sections[target]]})
                continue
            if isinstance(target, list):
                expanded.append({title: expand_nav(target, index)})
                continue
        expanded.append(item)
    return expanded


def in_nav_only_by_index(page: str, clusters_listed: bool = True) -> bool:
    """Whether a generated page is left out of the nav (reached from an index page instead): term and
    path pages and the parts of long lists always, cluster pages when the nav does not list the
    clusters (``clusters_listed``)."""
    if urls.listed_by_an_index(page) or is_part(page):
        return True
    return not clusters_listed and page.startswith("clusters/") and page != urls.CLUSTERS
