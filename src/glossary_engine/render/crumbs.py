"""Breadcrumbs: Home › hub › cluster › term, each crumb knowing its parent."""

from __future__ import annotations

from dataclasses import dataclass

from .. import urls
from ..model.index import GlossaryIndex
from .templates import BUILT_IN, Templates


@dataclass(frozen=True)
class Crumb:
    """One step of a breadcrumb trail; the trail is read by walking ``parent`` up to Home."""

    title: str
    page: str
    parent: Crumb | None = None

    def trail(self) -> tuple[Crumb, ...]:
        """The crumbs from Home down to this one."""
        crumbs: list[Crumb] = []
        crumb: Crumb | None = self
        while crumb is not None:
            crumbs.append(crumb)
            crumb = crumb.parent
        return tuple(reversed(crumbs))


HOME = Crumb("Home", urls.HOME)


def hub_crumb(index: GlossaryIndex) -> Crumb:
    """The hub term's crumb, directly under Home."""
    return Crumb(index.hub.title, urls.term_page(index.hub.slug), HOME)


def cluster_crumb(index: GlossaryIndex, cluster_id: str) -> Crumb:
    """A cluster's crumb: Home › hub › cluster."""
    return Crumb(index.clusters[cluster_id].title, urls.cluster_page(cluster_id), hub_crumb(index))


def term_crumb(index: GlossaryIndex, slug: str) -> Crumb:
    """A term's crumb: Home › hub › cluster › term (the hub itself sits right under Home)."""
    if slug == index.hub.slug:
        return hub_crumb(index)
    term = index.terms[slug]
    return Crumb(term.title, urls.term_page(slug), cluster_crumb(index, term.cluster))


def path_crumb(index: GlossaryIndex, path_id: str) -> Crumb:
    """A learning path's crumb: Home › Learning paths › path."""
    return Crumb(index.paths[path_id].title, urls.path_page(path_id), Crumb("Learning paths", urls.PATHS, HOME))


def render_crumbs(crumb: Crumb, templates: Templates = BUILT_IN) -> str:
    """HTML for a breadcrumb trail ending at the current page, which is not linked (template ``crumbs``)."""
    *ancestors, current = crumb.trail()
    shown = [{"title": c.title, "href": urls.page_url(crumb.page, c.page)} for c in ancestors]
    return templates.render("crumbs", ancestors=shown, current=current.title)
