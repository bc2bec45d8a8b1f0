"""Put the cluster pages into the site navigation, in glossary order.

In ``mkdocs.yml`` an editor writes ``- Clusters: clusters/index.md``; the section is filled with one
entry per cluster. Term pages and learning-path pages stay out of the navigation on purpose and are
reached from their index pages: every nav entry is repeated on every page, so a nav with every term
(or every path) makes each page heavier and the whole build slower.
"""

from __future__ import annotations

from typing import Any

from .. import urls
from ..model.index import GlossaryIndex


def expand_nav(nav: list[Any] | None, index: GlossaryIndex) -> list[Any] | None:
    """Return ``nav`` with the clusters and paths index entries expanded into sections."""
    if nav is None:
        return None
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


def in_nav_only_by_index(page: str) -> bool:
    """Whether a generated page is left out of the nav (reached from an index page instead)."""
    return urls.listed_by_an_index(page)
