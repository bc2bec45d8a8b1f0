"""Every generated page: terms, clusters, paths, the A–Z index and the home page.

Each page is HTML written here (``markup.Document``), with only the glossary's prose going through
a Markdown renderer (``prose.py``): the chrome around it (crumbs, facts, cards, path boxes, reading
lists) has a fixed shape, and writing it as Markdown only to have it parsed again cost most of the
build time.
"""

from __future__ import annotations

from dataclasses import replace
from urllib.parse import quote

from .. import urls
from ..memo import PIECES
from ..model.autolink import Autolinker, already_linked
from ..model.index import GlossaryIndex
from ..model.records import Citation, Term
from . import longlist, overviews
from . import markdown as md
from .cards import cluster_card, render_cards, term_card
from .conceptmap import neighbours
from .crumbs import HOME, Crumb, cluster_crumb, path_crumb, render_crumbs, term_crumb
from .hover import hover
from .learning import CITE_SLOT, KNOW_SLOT, STEPS_SLOT, TODAY_SLOT
from .markup import Document, Rendered, esc, link, page_meta
from .overviews import MAP_SLOT
from .prose import link_to, markdown_link, plain_prose, render_list, render_prose, term_link
from .sanitize import clean_html
from .structured import cluster_jsonld, glossary_jsonld, term_jsonld
from .templates import BUILT_IN, Templates

# Generated pages need no Jinja pass from mkdocs-macros.
_NO_MACROS = {"render_macros": False}
PLACEHOLDER_URL = "https://glossary.example.org/"
MAX_BACKLINKS = 60
"""A term page lists at most this many of the terms that link to it (the most general), so a page's
size does not grow with the glossary; glossary.json has every backlink."""


def _authors(names: tuple[str, ...]) -> str:
    if names[-1] == "et al.":
        return ", ".join(names[:-1]) + " et al."
    if len(names) > 6:
        return ", ".join(names[:3]) + " et al."
    if len(names) > 1:
        return ", ".join(names[:-1]) + " and " + names[-1]
    return names[0]


def citation_data(citation: Citation) -> dict[str, object]:
    """What the further-reading template shows of a source: authors in one line, where it appeared,
    and its locators (a DOI, an arXiv id and a web address are links; an ISBN is text)."""
    locators: list[dict[str, str | None]] = []
    if citation.doi:
        # A DOI may hold characters a URL may not ("<", ">" in SICIs such as 078<0001:VOFEIT>2.0.CO;2).
        doi = quote(citation.doi, safe="/:;()[]._-+=@!$&'*,~")
        locators.append({"label": f"doi:{citation.doi}", "href": f"https://doi.org/{doi}"})
    if citation.arxiv:
        locators.append({"label": f"arXiv:{citation.arxiv}", "href": f"https://arxiv.org/abs/{citation.arxiv}"})
    if citation.isbn:
        locators.append({"label": f"ISBN {citation.isbn}", "href": None})
    if citation.url and not (citation.doi or citation.arxiv):
        locators.append({"label": "Read online", "href": citation.url})
    where = ", ".join(x for x in (citation.chapter, citation.venue or citation.publisher) if x)
    return {
        "authors": _authors(citation.authors),
        "year": citation.year,
        "title": citation.title,
        "where": where,
        "locators": locators,
    }


def _term_ref(index: GlossaryIndex, slug: str, page: str) -> dict[str, str]:
    term = index.terms[slug]
    return {"title": term.title, "href": urls.page_url(page, urls.term_page(slug)), "hover": hover(term)}


def _facts(index: GlossaryIndex, term: Term, page: str, templates: Templates) -> str:
    cluster = index.clusters[term.cluster]
    shown = {"title": cluster.title, "href": urls.page_url(page, urls.cluster_page(cluster.id))}
    return templates.render("facts", term=term, cluster=shown)


def _where_it_fits(index: GlossaryIndex, term: Term, page: str, templates: Templates) -> str:
    """The term's place: its cluster and the hub above it, then each learning path it is a step of,
    with what to read before and after."""
    cluster = index.clusters[term.cluster]
    positions = [
        {
            "path": {"title": p.path.title, "href": urls.page_url(page, urls.path_page(p.path.id))},
            "step": p.step,
            "total": p.total,
            "before": _term_ref(index, p.before.slug, page) if p.before else None,
            "after": _term_ref(index, p.after.slug, page) if p.after else None,
        }
        for p in index.positions.get(term.slug, ())
    ]
    return templates.render(
        "where-it-fits",
        term=term,
        hub=None if term.slug == index.hub.slug else _term_ref(index, index.hub.slug, page),
        cluster={
            "title": cluster.title,
            "href": urls.page_url(page, urls.cluster_page(cluster.id)),
            "size": len(index.cluster_terms[cluster.id]),
        },
        clusters=len(index.glossary.clusters),
        positions=positions,
    )


def _backlinks(index: GlossaryIndex, backlinks: tuple[Term, ...], page: str, templates: Templates) -> str:
    """The terms linking here, alphabetically; past ``MAX_BACKLINKS``, the most general of them.
    A much-referenced term has dozens: plain links, with no definitions on hover, keep its page light."""
    shown = backlinks
    if len(backlinks) > MAX_BACKLINKS:
        keep = {t.slug for t in sorted(backlinks, key=lambda t: (-t.generality, t.title.casefold()))[:MAX_BACKLINKS]}
        shown = tuple(t for t in backlinks if t.slug in keep)
    links = [{"title": t.title, "href": urls.page_url(page, urls.term_page(t.slug))} for t in shown]
    return templates.render("backlinks", links=links, hidden=len(backlinks) - len(shown))


def with_first_mentions_linked(index: GlossaryIndex, term: Term) -> Term:
    """The term with the first mention of each other term in its prose linked (unless switched off)."""
    return PIECES.of(_linked, term, index.autolinker) if term.autolink else term


def _linked(term: Term, autolinker: Autolinker) -> Term:
    skip = already_linked(term)
    link = autolinker.link
    # Fields in page order, so "first" means first on the page; ``skip`` grows as links are made.
    explanation = link(term.explanation, skip)
    why = link(term.why_it_matters, skip) if term.why_it_matters else None
    how = link(term.how_it_works, skip) if term.how_it_works else None
    examples = tuple(link(x, skip) for x in term.examples)
    strengths = tuple(link(x, skip) for x in term.strengths)
    challenges = tuple(link(x, skip) for x in term.challenges)
    contrast = tuple(replace(c, difference=link(c.difference, skip)) for c in term.contrast)
    questions = tuple(replace(q, answer=link(q.answer, skip)) for q in term.questions)
    return replace(
        term,
        explanation=explanation,
        why_it_matters=why,
        how_it_works=how,
        examples=examples,
        strengths=strengths,
        challenges=challenges,
        contrast=contrast,
        questions=questions,
    )


def term_page(
    index: GlossaryIndex,
    term: Term,
    base_url: str = PLACEHOLDER_URL,
    site_name: str = "Glossary",
    templates: Templates = BUILT_IN,
) -> Rendered:
    """A term's page."""
    page = urls.term_page(term.slug)
    term = with_first_mentions_linked(index, term)
    doc = Document()
    doc.add(render_crumbs(term_crumb(index, term.slug), templates))
    doc.heading(1, term.title)
    doc.add(f'<p class="gl-short">{esc(term.short)}</p>\n')
    doc.add(_facts(index, term, page, templates) + render_prose(index, term.explanation, page))
    # KNOW_SLOT: "I know this", for a term on learning paths (learning.add_widgets fills the slots).
    doc.section("Where it fits", _where_it_fits(index, term, page, templates) + KNOW_SLOT)
    if term.why_it_matters:
        doc.section("Why it matters", render_prose(index, term.why_it_matters, page))
    if term.how_it_works:
        doc.section("How it works", render_prose(index, term.how_it_works, page))
    if term.examples:
        doc.section("Examples", render_list(index, list(term.examples), page))
    if term.strengths or term.challenges:
        body = ""
        if term.strengths:
            body += "<p><strong>Strengths</strong></p>\n" + render_list(index, list(term.strengths), page)
        if term.challenges:
            body += "<p><strong>Challenges</strong></p>\n" + render_list(index, list(term.challenges), page)
        doc.section("Strengths and challenges", body)
    if term.contrast:
        items = [
            markdown_link(index, c.term, page, "**" + md.text(index.terms[c.term].title) + "**") + ": " + c.difference
            for c in term.contrast
        ]
        doc.section("Not to be confused with", render_list(index, items, page))
    if term.questions:
        doc.heading(2, "Common questions")
        for question in term.questions:
            doc.heading(3, question.question)
            doc.add(render_prose(index, question.answer, page))
    if term.related:
        cards = (term_card(index.terms[s]) for s in term.related)
        doc.section("Related terms", render_cards(cards, page, templates))
    if neighbours(index, term.slug):
        doc.section("Concept map", MAP_SLOT + "\n")
    backlinks = index.referenced_by.get(term.slug, ())
    if backlinks:
        doc.section("Referenced by", _backlinks(index, backlinks, page, templates))
    if term.further_reading:
        sources = [citation_data(c) for c in term.further_reading]
        doc.section("Further reading", templates.render("further-reading", sources=sources))
    doc.add(CITE_SLOT)
    return doc.rendered(
        page_meta(
            title=term.title,
            description=term.short,
            jsonld=term_jsonld(term, base_url, site_name),
            **_NO_MACROS,
        )
    )


def cluster_page(
    index: GlossaryIndex,
    cluster_id: str,
    base_url: str = PLACEHOLDER_URL,
    site_name: str = "Glossary",
    templates: Templates = BUILT_IN,
) -> Rendered:
    """A cluster's page: its description and its terms as cards, most general first."""
    cluster = index.clusters[cluster_id]
    page = urls.cluster_page(cluster_id)
    terms = index.cluster_terms[cluster_id]
    doc = Document().add(render_crumbs(cluster_crumb(index, cluster_id), templates))
    doc.heading(1, cluster.title)
    doc.add(render_prose(index, cluster.description, page), f"<p>{len(terms)} terms, most general first.</p>\n")
    doc.add(render_cards((term_card(t) for t in terms), page, templates))
    return doc.rendered(
        page_meta(
            title=cluster.title,
            description=plain_prose(index, cluster.description),
            jsonld=cluster_jsonld(index, cluster_id, base_url, site_name),
            **_NO_MACROS,
        )
    )


def path_steps(index: GlossaryIndex, path_id: str, page: str) -> str:
    """A learning path's steps as a numbered list (HTML) with one-line definitions."""
    items = "".join(
        f"<li>{term_link(index, slug, page, '<strong>' + esc(index.terms[slug].title) + '</strong>')}: "
        f"{esc(index.terms[slug].short)}</li>\n"
        for slug in index.paths[path_id].steps
    )
    return f"<ol>\n{items}</ol>\n"


def path_page(index: GlossaryIndex, path_id: str, templates: Templates = BUILT_IN) -> Rendered:
    """A learning path's page: its description and its steps in order."""
    path = index.paths[path_id]
    page = urls.path_page(path_id)
    doc = Document().add(render_crumbs(path_crumb(index, path_id), templates))
    doc.heading(1, path.title)
    doc.add(render_prose(index, path.description, page), f"<p>{len(path.steps)} steps, in reading order.</p>\n")
    # The steps, each with an "I know this" box, and the reader's progress (learning.add_widgets).
    doc.add(STEPS_SLOT)
    return doc.rendered(page_meta(title=path.title, description=plain_prose(index, path.description), **_NO_MACROS))


def _letter(name: str) -> str:
    first = name.lstrip("'\"(").upper()[:1]
    return first if first.isalpha() else "#"


def _a_to_z_entries(term: Term, page: str) -> tuple[tuple[str, str], ...]:
    """The A–Z index's lines for ``term`` on ``page``: its title and each alias, as (name, HTML)."""
    strong = "<strong>" + esc(term.title) + "</strong>"
    entries = [(term.title, f"{link_to(term, page, strong)}: {esc(term.short)}")]
    entries += [(alias, f"{esc(alias)}: see {link_to(term, page)}") for alias in term.aliases]
    return tuple((name, clean_html(line)) for name, line in entries)  # the page adds them sanitized


def _a_to_z_groups(index: GlossaryIndex, page: str) -> list[longlist.Group]:
    """Every term and alias, alphabetically, by first letter, with its line for ``page``."""
    entries = [entry for term in index.glossary.terms for entry in PIECES.of(_a_to_z_entries, term, page)]
    entries.sort(key=lambda e: (e[0].casefold(), e[1]))
    groups: dict[str, list[tuple[str, str]]] = {}
    for entry in entries:
        groups.setdefault(_letter(entry[0]), []).append(entry)
    return [
        longlist.Group(letter, "other" if letter == "#" else letter.lower(), lines) for letter, lines in groups.items()
    ]


def a_to_z_parts(index: GlossaryIndex) -> list[longlist.Part] | None:
    """The A–Z index's part pages, once it is too long for one (``longlist.py``)."""
    if sum(1 + len(term.aliases) for term in index.glossary.terms) <= longlist.LIMIT:
        return None
    folder = urls.A_TO_Z_PARTS
    return longlist.split(_a_to_z_groups(index, longlist.entry_page(folder)), folder)


A_TO_Z_CRUMB = Crumb("A–Z index", urls.A_TO_Z, HOME)
_A_TO_Z_META: dict[str, object] = {
    "description": "Every term in the glossary, alphabetically.",
    # Every entry here repeats a term page, so the index would only add noise to search results.
    "search": {"exclude": True},
    **_NO_MACROS,
}


def a_to_z_page(
    index: GlossaryIndex, templates: Templates = BUILT_IN, parts: list[longlist.Part] | None = None
) -> Rendered:
    """Every term and alias, alphabetically, grouped by first letter with a jump bar; past
    ``longlist.LIMIT`` entries, each letter links its ``parts`` instead."""
    page = urls.A_TO_Z
    groups = _a_to_z_groups(index, page) if parts is None else longlist.groups(parts)
    jump = " ".join(link(esc(group.title), f"#{group.anchor}") for group in groups)
    doc = Document().add(render_crumbs(A_TO_Z_CRUMB, templates))
    doc.heading(1, "A–Z index")
    doc.add(f"<p>{len(index.glossary.terms):,} terms and their other names.</p>\n", f'<p class="gl-jump">{jump}</p>\n')
    longlist.add_groups(doc, groups, parts, page, "names")
    return doc.rendered(page_meta(title="A–Z index", **_A_TO_Z_META))


def a_to_z_part_page(parts: list[longlist.Part], part: longlist.Part, templates: Templates = BUILT_IN) -> Rendered:
    """One part of a long A–Z index."""
    return longlist.part_page(parts, part, A_TO_Z_CRUMB, "names", _A_TO_Z_META, templates)


def clusters_page(index: GlossaryIndex, templates: Templates = BUILT_IN) -> Rendered:
    """All clusters as cards."""
    page = urls.CLUSTERS
    doc = Document().add(render_crumbs(Crumb("Clusters", page, HOME), templates))
    doc.heading(1, "Clusters")
    doc.add(
        "<p>Every term belongs to one topic area.</p>\n",
        render_cards((cluster_card(index, c) for c in index.glossary.clusters), page, templates),
    )
    return doc.rendered(page_meta(title="Clusters", description="The topic areas of the glossary.", **_NO_MACROS))


def _path_list(index: GlossaryIndex, page: str) -> str:
    items = [
        md.link("**" + md.text(p.title) + "**", urls.page_url(page, urls.path_page(p.id)))
        + f" ({len(p.steps)} steps): {p.description}"
        for p in index.glossary.paths
    ]
    return render_list(index, items, page)


def paths_page(index: GlossaryIndex, templates: Templates = BUILT_IN) -> Rendered:
    """All learning paths with their descriptions."""
    page = urls.PATHS
    doc = Document().add(render_crumbs(Crumb("Learning paths", page, HOME), templates))
    doc.heading(1, "Learning paths")
    doc.add("<p>Each path is a reading order: every step builds on the one before.</p>\n", _path_list(index, page))
    return doc.rendered(
        page_meta(title="Learning paths", description="Reading sequences through the glossary.", **_NO_MACROS)
    )


def home_page(
    index: GlossaryIndex,
    templates: Templates = BUILT_IN,
    base_url: str = PLACEHOLDER_URL,
    site_name: str = "Glossary",
) -> Rendered:
    """The home page: starts from the hub, then shows the clusters and the learning paths."""
    page = urls.HOME
    hub = index.hub
    count = len(index.glossary.terms)
    doc = Document()
    doc.heading(1, f"{hub.title} glossary")
    doc.add(
        f'<p class="gl-short">{esc(hub.short)}</p>\n',
        f"<p>Start with {term_link(index, hub.slug, page, '<strong>' + esc(hub.title) + '</strong>')}, "
        f"follow a learning path, or browse {count:,} terms by topic or in the "
        + link("A–Z index", urls.page_url(page, urls.A_TO_Z))
        + ".</p>\n",
        f"<p>See the whole glossary at once: {overviews.links_to(page)}.</p>\n",
    )
    doc.add(TODAY_SLOT)
    doc.heading(2, "Clusters")
    doc.add(render_cards((cluster_card(index, c) for c in index.glossary.clusters), page, templates))
    doc.heading(2, "Learning paths")
    doc.add(_path_list(index, page))
    jsonld = glossary_jsonld(index, base_url, site_name)
    return doc.rendered(page_meta(title="Home", description=hub.short, jsonld=jsonld, **_NO_MACROS))
