"""The Markdown a person would write for the pages our hook generates, for the benchmark's baselines.

Our build writes each generated page as HTML; a hand-made MkDocs glossary has Markdown files with the
same text, cards and links, which Python-Markdown renders. These are those files: the same content as
our pages, written the way Material's documentation shows (grid cards and sections with
``md_in_html``, admonitions, links to ``.md`` files that MkDocs resolves and checks), and rendering to
the same HTML as our pages, concept-map slot included.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from itertools import groupby

from glossary_engine import urls
from glossary_engine.model.index import GlossaryIndex, PathPosition, by_generality
from glossary_engine.model.links import replace_links
from glossary_engine.model.records import Citation, Term
from glossary_engine.render import markdown as md
from glossary_engine.render import overviews
from glossary_engine.render.cards import Card, cluster_card, term_card
from glossary_engine.render.conceptmap import neighbours
from glossary_engine.render.crumbs import HOME, Crumb, cluster_crumb, path_crumb, term_crumb
from glossary_engine.render.markup import page_meta
from glossary_engine.render.pages import _letter, citation_data, with_first_mentions_linked
from glossary_engine.render.prose import plain_prose, running_name
from glossary_engine.render.structured import cluster_jsonld, term_jsonld


def _citation(citation: Citation) -> str:
    """A source in Markdown, as a hand-written page would list it: the fields our template shows."""
    data = citation_data(citation)
    year = f" ({data['year']})" if data["year"] else ""
    where = f" {data['where']}." if data["where"] else ""
    links = " · ".join(
        f"[{loc['label']}]({loc['href']})" if loc["href"] else str(loc["label"]) for loc in data["locators"]
    )
    return f"{data['authors']}{year}. *{data['title']}*.{where}" + (f" {links}" if links else "")


def front_matter(**fields: object) -> str:
    meta = page_meta(**fields)
    return "---\n" + "".join(f"{k}: {json.dumps(v, ensure_ascii=False)}\n" for k, v in meta.items()) + "---\n\n"


def indent(block: str) -> str:
    return "\n".join("    " + line if line.strip() else "" for line in block.splitlines())


def link(index: GlossaryIndex, slug: str, page: str, label: str | None = None, hover: bool = True) -> str:
    term = index.terms[slug]
    shown = label if label is not None else md.text(term.title)
    return md.link(shown, urls.relative(page, urls.term_page(slug)), term.short if hover else None)


def prose(index: GlossaryIndex, text: str, page: str) -> str:
    return replace_links(
        text,
        lambda slug, label: link(
            index, slug, page, label if label is not None else md.text(running_name(index.terms[slug]))
        ),
    )


def unsearched(block: str) -> str:
    return f'<section data-search-exclude="" markdown>\n\n{block.strip()}\n\n</section>\n\n'


def section(title: str, body: str) -> str:
    return f"## {title} {{ data-search-exclude }}\n\n{unsearched(body)}"


def crumbs(crumb: Crumb) -> str:
    *ancestors, current = crumb.trail()
    parts = [md.link(md.text(c.title), urls.relative(crumb.page, c.page)) for c in ancestors]
    parts.append(f'<span aria-current="page">{md.text(current.title)}</span>')
    return (
        '<nav aria-label="Breadcrumb" class="gl-crumbs" data-search-exclude="" markdown="span">'
        + " › ".join(parts)
        + "</nav>\n\n"
    )


def cards(items: Iterable[Card], page: str) -> str:
    out = [
        f"-   {md.link(f'__{md.text(c.title)}__', urls.relative(page, c.page), c.hover)}\n\n"
        f"    {md.text(c.text)}\n\n"
        f'    <span class="gl-card-meta">{md.text(c.footer)}</span>\n'
        for c in items
    ]
    return '<div class="grid cards gl-cards" markdown>\n\n' + "\n".join(out) + "\n</div>\n" if out else ""


def bullets(index: GlossaryIndex, items: Iterable[str], page: str) -> str:
    return "\n".join(f"- {prose(index, item, page)}" for item in items)


def facts(index: GlossaryIndex, term: Term, page: str) -> str:
    shown = []
    if term.aliases:
        shown.append("**Also known as:** " + ", ".join(md.text(a) for a in term.aliases))
    if term.year:
        shown.append(f"**Introduced:** {term.year}")
    shown.append(f"**Generality:** {term.generality} / 1000")
    cluster = index.clusters[term.cluster]
    shown.append("**Cluster:** " + md.link(md.text(cluster.title), urls.relative(page, urls.cluster_page(cluster.id))))
    return '<div class="gl-facts" markdown="span">' + " · ".join(shown) + "</div>\n\n"


def paths_box(index: GlossaryIndex, positions: tuple[PathPosition, ...], page: str) -> str:
    if not positions:
        return ""
    lines = []
    for p in positions:
        line = md.link(f"**{md.text(p.path.title)}**", urls.relative(page, urls.path_page(p.path.id)))
        line += f" · step {p.step} of {p.total}"
        around = []
        if p.before:
            around.append("← Read before: " + link(index, p.before.slug, page))
        if p.after:
            around.append("Read after: " + link(index, p.after.slug, page) + " →")
        if around:
            line += "<br>\n" + " · ".join(around)
        lines.append(line)
    title = "Learning path" if len(positions) == 1 else "Learning paths"
    return f'!!! gl-path "{title}"\n\n' + indent("\n\n".join(lines)) + "\n\n"


def term_page(index: GlossaryIndex, term: Term, base_url: str, site_name: str) -> str:
    page = urls.term_page(term.slug)
    term = with_first_mentions_linked(index, term)
    out = [
        front_matter(
            title=term.title,
            description=term.short,
            tags=list(term.aliases) or None,
            search={"boost": round(1 + term.generality / 250, 2)},
            jsonld=term_jsonld(term, base_url, site_name),
        ),
        crumbs(term_crumb(index, term.slug)),
        f"# {md.text(term.title)}\n\n",
        f'<p class="gl-short">{md.text(term.short)}</p>\n\n',
        unsearched(
            facts(index, term, page)
            + paths_box(index, index.positions.get(term.slug, ()), page)
            + prose(index, term.explanation, page)
        ),
    ]
    if term.why_it_matters:
        out.append(section("Why it matters", prose(index, term.why_it_matters, page)))
    if term.how_it_works:
        out.append(section("How it works", prose(index, term.how_it_works, page)))
    if term.examples:
        out.append(section("Examples", bullets(index, term.examples, page)))
    if term.strengths or term.challenges:
        body = ""
        if term.strengths:
            body += "**Strengths**\n\n" + bullets(index, term.strengths, page) + "\n\n"
        if term.challenges:
            body += "**Challenges**\n\n" + bullets(index, term.challenges, page) + "\n\n"
        out.append(section("Strengths and challenges", body))
    if term.contrast:
        items = [
            f"- {link(index, c.term, page, '**' + md.text(index.terms[c.term].title) + '**')}: "
            + prose(index, c.difference, page)
            for c in term.contrast
        ]
        out.append(section("Not to be confused with", "\n".join(items)))
    if term.questions:
        out.append("## Common questions { data-search-exclude }\n\n")
        out.extend(f"### {md.text(q.question)}\n\n{unsearched(prose(index, q.answer, page))}" for q in term.questions)
    if term.related:
        out.append(section("Related terms", cards((term_card(index.terms[s]) for s in term.related), page)))
    if neighbours(index, term.slug):
        out.append(section("Concept map", overviews.MAP_SLOT))
    backlinks = index.referenced_by.get(term.slug, ())
    if backlinks:
        out.append(section("Referenced by", ", ".join(link(index, t.slug, page, hover=False) for t in backlinks)))
    if term.further_reading:
        out.append(section("Further reading", "\n".join(f"1. {_citation(c)}" for c in term.further_reading)))
    return "".join(out)


def _entry(index: GlossaryIndex, term: Term, page: str) -> str:
    return f"{link(index, term.slug, page, '**' + md.text(term.title) + '**')}: {md.text(term.short)}"


def _path_list(index: GlossaryIndex, page: str) -> str:
    return (
        "\n".join(
            f"- {md.link('**' + md.text(p.title) + '**', urls.relative(page, urls.path_page(p.id)))}"
            f" ({len(p.steps)} steps): {prose(index, p.description, page)}"
            for p in index.glossary.paths
        )
        + "\n"
    )


def other_pages(index: GlossaryIndex, base_url: str, site_name: str) -> Iterator[tuple[str, str]]:
    """Every generated page but the term pages, as (source path, Markdown)."""
    hub = index.hub
    yield (
        urls.HOME,
        (
            front_matter(title="Home", description=hub.short)
            + f'# {md.text(hub.title)} glossary\n\n<p class="gl-short">{md.text(hub.short)}</p>\n\n'
            + f"Start with {link(index, hub.slug, urls.HOME, '**' + md.text(hub.title) + '**')}, "
            + f"follow a learning path, or browse {len(index.glossary.terms)} terms by topic or in the "
            + "[A–Z index](terms/index.md).\n\n"
            + "See the whole glossary at once: [Timeline](timeline.md) · [Core vocabulary](core-vocabulary.md) · "
            + "[Concept map](concept-map.md).\n\n## Clusters\n\n"
            + cards((cluster_card(index, c) for c in index.glossary.clusters), urls.HOME)
            + "\n## Learning paths\n\n"
            + _path_list(index, urls.HOME)
        ),
    )
    entries = []
    for term in index.glossary.terms:
        entries.append((term.title, _entry(index, term, urls.A_TO_Z)))
        entries.extend((a, f"{md.text(a)}: see {link(index, term.slug, urls.A_TO_Z)}") for a in term.aliases)
    entries.sort(key=lambda e: (e[0].casefold(), e[1]))
    groups: dict[str, list[str]] = {}
    for name, line in entries:
        groups.setdefault(_letter(name), []).append(line)
    anchors = {letter: ("other" if letter == "#" else letter.lower()) for letter in groups}
    yield (
        urls.A_TO_Z,
        (
            front_matter(
                title="A–Z index", description="Every term in the glossary, alphabetically.", search={"exclude": True}
            )
            + crumbs(Crumb("A–Z index", urls.A_TO_Z, HOME))
            + f"# A–Z index\n\n{len(index.glossary.terms)} terms and their other names.\n\n"
            + '<p class="gl-jump" markdown="span">'
            + " ".join(f"[{md.text(x)}](#{anchors[x]})" for x in groups)
            + "</p>\n\n"
            + "".join(
                f"## {md.text(x)} {{#{anchors[x]}}}\n\n" + "\n".join(f"- {e}" for e in lines) + "\n\n"
                for x, lines in groups.items()
            )
        ),
    )
    yield (
        urls.CLUSTERS,
        (
            front_matter(title="Clusters", description="The topic areas of the glossary.")
            + crumbs(Crumb("Clusters", urls.CLUSTERS, HOME))
            + "# Clusters\n\nEvery term belongs to one topic area.\n\n"
            + cards((cluster_card(index, c) for c in index.glossary.clusters), urls.CLUSTERS)
        ),
    )
    yield (
        urls.PATHS,
        (
            front_matter(title="Learning paths", description="Reading sequences through the glossary.")
            + crumbs(Crumb("Learning paths", urls.PATHS, HOME))
            + "# Learning paths\n\nEach path is a reading order: every step builds on the one before.\n\n"
            + _path_list(index, urls.PATHS)
        ),
    )
    dated = sorted((t for t in index.glossary.terms if t.year), key=lambda t: (t.year or 0, t.title.casefold()))
    decades = "".join(
        f"## {decade}s\n\n" + "".join(f"- **{t.year}**: {_entry(index, t, overviews.TIMELINE)}\n" for t in terms) + "\n"
        for decade, terms in groupby(dated, key=lambda t: (t.year or 0) // 10 * 10)
    )
    yield (
        overviews.TIMELINE,
        (
            front_matter(title="Timeline", description="AI concepts by the year they were introduced.")
            + crumbs(Crumb("Timeline", overviews.TIMELINE, HOME))
            + "# Timeline\n\n"
            + f"{len(dated)} concepts by the year they were introduced, grouped by decade. "
            + f"{len(index.glossary.terms) - len(dated)} others have no single clear origin and are left out.\n\n"
            + decades
        ),
    )
    core = by_generality(list(index.glossary.terms))[: overviews.CORE_SIZE]
    yield (
        overviews.CORE,
        (
            front_matter(
                title="Core vocabulary",
                description=f"The {overviews.CORE_SIZE} most general ideas in AI, to learn first.",
            )
            + crumbs(Crumb("Core vocabulary", overviews.CORE, HOME))
            + "# Core vocabulary\n\n"
            + f"The {len(core)} most general terms in the glossary, broadest first: learn these and the rest "
            + "has somewhere to attach. The number is the term's generality (0–1000).\n\n"
            + "".join(f"1. {_entry(index, t, overviews.CORE)} ({t.generality})\n" for t in core)
        ),
    )
    yield (
        overviews.MAP,
        (
            front_matter(title="Concept map", description="Every term of the glossary, by cluster.")
            + crumbs(Crumb("Concept map", overviews.MAP, HOME))
            + "# Concept map\n\n"
            + "Every term, grouped by cluster and sized by generality. Select a term to open it, or a cluster "
            + "title to see its cards. Each term page has a map of its own neighbourhood.\n\n"
            + overviews.MAP_SLOT
            + "\n"
        ),
    )
    for cluster in index.glossary.clusters:
        page = urls.cluster_page(cluster.id)
        terms = index.cluster_terms[cluster.id]
        yield (
            page,
            (
                front_matter(
                    title=cluster.title,
                    description=plain_prose(index, cluster.description),
                    jsonld=cluster_jsonld(index, cluster.id, base_url, site_name),
                )
                + crumbs(cluster_crumb(index, cluster.id))
                + f"# {md.text(cluster.title)}\n\n"
                + prose(index, cluster.description, page)
                + f"\n\n{len(terms)} terms, most general first.\n\n"
                + unsearched(cards((term_card(t) for t in terms), page))
            ),
        )
    for path in index.glossary.paths:
        page = urls.path_page(path.id)
        steps = "\n".join(
            f"1. {link(index, s, page, '**' + md.text(index.terms[s].title) + '**')}: {md.text(index.terms[s].short)}"
            for s in path.steps
        )
        yield (
            page,
            (
                front_matter(title=path.title, description=plain_prose(index, path.description))
                + crumbs(path_crumb(index, path.id))
                + f"# {md.text(path.title)}\n\n"
                + prose(index, path.description, page)
                + f"\n\n{len(path.steps)} steps, in reading order.\n\n"
                + unsearched(steps + "\n")
            ),
        )


def hand_written_pages(index: GlossaryIndex, base_url: str, site_name: str) -> Iterator[tuple[str, str]]:
    """Every page our hook generates, as hand-written Markdown: (source path, Markdown)."""
    yield from other_pages(index, base_url, site_name)
    for term in index.glossary.terms:
        yield urls.term_page(term.slug), term_page(index, term, base_url, site_name)
