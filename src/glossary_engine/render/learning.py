"""The learning features' pages and widgets: progress along a path, the self-check, term of the day,
citations, and the What's new page.

Widgets with form controls (check boxes, buttons, the quiz) are page chrome, not glossary text, and
the sanitizer that every generated page passes through keeps no form controls. So a page leaves an
empty slot where a widget goes, and ``add_widgets`` puts the widget in the finished page (after
sanitizing and search indexing), as the concept maps are put in. Widgets are templates a site owner
can restyle, autoescaped, and each brings the one script (and stylesheet) it needs, so no other page
loads them.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from itertools import groupby

from markupsafe import Markup

from .. import urls
from ..model.changes import recent_changes
from ..model.index import GlossaryIndex
from ..model.records import Term
from .cite import term_citation
from .crumbs import HOME, Crumb, path_crumb, render_crumbs
from .markup import Document, Rendered, esc, link, page_meta
from .prose import render_prose, term_link
from .templates import BUILT_IN, MONTHS, Templates

_NO_MACROS = {"render_macros": False}
KNOW_SLOT = '<div class="gl-slot-know"></div>'
CITE_SLOT = '<div class="gl-slot-cite"></div>'
STEPS_SLOT = '<div class="gl-slot-steps"></div>'
CHECK_SLOT = '<div class="gl-slot-check"></div>'
TODAY_SLOT = '<div class="gl-slot-today"></div>'
OPTIONS = 4
"""How many answers a "which term is this?" question offers (fewer on a shorter path)."""


@dataclass(frozen=True)
class Question:
    """One multiple-choice question of a self-check: the prompt, the terms to choose from (by title)
    and the right one."""

    prompt: str
    options: tuple[Term, ...]
    answer: Term


def definition_questions(index: GlossaryIndex, path_id: str) -> tuple[Question, ...]:
    """For each step of a path: its definition, to be matched to the step among its neighbours on the
    path (the nearest steps are the likeliest to be confused)."""
    steps = [index.terms[slug] for slug in index.paths[path_id].steps]
    questions = []
    for position, term in enumerate(steps):
        others: list[Term] = []
        for distance in range(1, len(steps)):
            for at in (position - distance, position + distance):
                if 0 <= at < len(steps) and len(others) < OPTIONS - 1:
                    others.append(steps[at])
        options = sorted([term, *others], key=lambda t: (t.title.casefold(), t.slug))
        questions.append(Question(term.short, tuple(options), term))
    return tuple(questions)


def contrast_questions(index: GlossaryIndex, path_id: str) -> tuple[Question, ...]:
    """For each ``contrast`` pair of a step: "X or Y?", given the definition of the contrasted term.
    A pair named by both of its terms is asked once."""
    asked: set[frozenset[str]] = set()
    questions = []
    for slug in index.paths[path_id].steps:
        term = index.terms[slug]
        for contrast in term.contrast:
            pair = frozenset((slug, contrast.term))
            if pair in asked:
                continue
            asked.add(pair)
            other = index.terms[contrast.term]
            options = tuple(sorted((term, other), key=lambda t: (t.title.casefold(), t.slug)))
            prompt = f"{options[0].title} or {options[1].title}? {other.short}"
            questions.append(Question(prompt, options, other))
    return tuple(questions)


def _question_data(question: Question, page: str) -> dict[str, object]:
    def shown(term: Term) -> dict[str, str]:
        return {"slug": term.slug, "title": term.title, "href": urls.page_url(page, urls.term_page(term.slug))}

    options = [shown(t) for t in question.options]
    return {"prompt": question.prompt, "options": options, "answer": shown(question.answer)}


def check_crumb(index: GlossaryIndex, path_id: str) -> Crumb:
    """A self-check's crumb: under its learning path."""
    return Crumb("Check yourself", urls.check_page(path_id), path_crumb(index, path_id))


def check_page(index: GlossaryIndex, path_id: str, templates: Templates = BUILT_IN) -> Rendered:
    """A learning path's self-check: the quiz (a slot, see ``add_widgets``), then the steps' common
    questions with their answers folded away."""
    path = index.paths[path_id]
    page = urls.check_page(path_id)
    doc = Document().add(render_crumbs(check_crumb(index, path_id), templates))
    doc.heading(1, f"Check yourself: {path.title}")
    doc.add(
        f"<p>Questions from the {len(path.steps)} steps of "
        + link(esc(path.title), urls.page_url(page, urls.path_page(path_id)))
        + ", scored in your browser; nothing is sent anywhere. A wrong answer links to the term to read"
        " again.</p>\n"
    )
    doc.add(CHECK_SLOT)
    faqs = [(index.terms[slug], q) for slug in path.steps for q in index.terms[slug].questions]
    if faqs:
        doc.heading(2, "Common questions")
        doc.add(
            "<p>Answer each in your head first, then open it.</p>\n"
            + "".join(
                f'<details class="gl-faq"><summary>{esc(q.question)}</summary>\n'
                + render_prose(index, q.answer, page)
                + f"<p>From {term_link(index, term.slug, page)}.</p>\n</details>\n"
                for term, q in faqs
            )
        )
    return doc.rendered(
        page_meta(
            title=f"Check yourself: {path.title}",
            description=f"A self-check on the learning path {path.title}.",
            search={"exclude": True},
            **_NO_MACROS,
        )
    )


def whats_new_page(index: GlossaryIndex, templates: Templates = BUILT_IN) -> Rendered:
    """The latest new and updated terms by month, with the feeds to follow them."""
    page = urls.WHATS_NEW
    changes = recent_changes(index)
    doc = Document().add(render_crumbs(Crumb("What's new", page, HOME), templates))
    doc.heading(1, "What's new")
    atom = link("Atom feed", urls.file_url(page, urls.FEED_ATOM))
    json_feed = link("JSON Feed", urls.file_url(page, urls.FEED_JSON))
    doc.add(
        f"<p>The {len(changes)} most recent new and updated terms, newest first. Follow them in a feed"
        f" reader: {atom} or {json_feed}.</p>\n"
    )
    for (year, month), group in groupby(changes, key=lambda c: (c.date.year, c.date.month)):
        doc.heading(2, f"{MONTHS[month - 1]} {year}")
        items = "".join(
            f'<li><time datetime="{c.date.isoformat()}">{c.date.day} {MONTHS[month - 1]}</time>: '
            f"<strong>{esc(c.label)}</strong> {term_link(index, c.term.slug, page)}: {esc(c.term.short)}"
            + (f" (formerly {esc(', '.join(c.term.formerly))})" if c.renamed else "")
            + "</li>\n"
            for c in group
        )
        doc.add(f"<ul>\n{items}</ul>\n")
    return doc.rendered(
        page_meta(title="What's new", description="Terms recently added to or updated in the glossary.", **_NO_MACROS)
    )


def _know(index: GlossaryIndex, term: Term, page: str, templates: Templates) -> str:
    positions = index.positions.get(term.slug, ())
    if not positions:
        return ""
    paths = [
        {
            "id": p.path.id,
            "title": p.path.title,
            "href": urls.page_url(page, urls.path_page(p.path.id)),
            "steps": p.path.steps,
        }
        for p in positions
    ]
    return templates.render(
        "know",
        term={"slug": term.slug, "title": term.title},
        paths=paths,
        root=urls.page_url(page, urls.HOME),
        script=urls.file_url(page, urls.PROGRESS_SCRIPT),
    )


def _text(value: str) -> Markup:
    return Markup(html.escape(value, quote=False))


def _cite(term: Term, page: str, base_url: str, site_name: str, templates: Templates) -> str:
    citation = term_citation(term, base_url, site_name)
    # Element text needs only <, > and & escaped; CSL-JSON's many quotes stay quotes, not &#34;.
    return templates.render(
        "cite",
        apa=_text(citation.apa),
        bibtex=_text(citation.bibtex),
        csl_json=_text(citation.csl_json),
        script=urls.file_url(page, urls.CITE_SCRIPT),
    )


def _steps(index: GlossaryIndex, path_id: str, page: str, templates: Templates) -> str:
    path = index.paths[path_id]
    steps = [
        {
            "slug": slug,
            "title": index.terms[slug].title,
            "short": index.terms[slug].short,
            "href": urls.page_url(page, urls.term_page(slug)),
        }
        for slug in path.steps
    ]
    return templates.render(
        "path-steps",
        path={"id": path.id, "title": path.title},
        steps=steps,
        check=urls.page_url(page, urls.check_page(path_id)),
        deck=urls.file_url(page, urls.deck_file(path_id)),
        root=urls.page_url(page, urls.HOME),
        script=urls.file_url(page, urls.PROGRESS_SCRIPT),
        stylesheet=urls.file_url(page, urls.LEARN_STYLESHEET),
    )


def _check(index: GlossaryIndex, path_id: str, page: str, templates: Templates) -> str:
    groups = [
        {
            "id": "which-term-is-it",
            "title": "Which term is it?",
            "intro": "Pick the term each definition belongs to.",
            "questions": [_question_data(q, page) for q in definition_questions(index, path_id)],
        }
    ]
    contrasts = contrast_questions(index, path_id)
    if contrasts:
        groups.append(
            {
                "id": "tell-them-apart",
                "title": "Tell them apart",
                "intro": "Each pair is often confused: which one does the definition describe?",
                "questions": [_question_data(q, page) for q in contrasts],
            }
        )
    return templates.render(
        "check",
        groups=groups,
        script=urls.file_url(page, urls.CHECK_SCRIPT),
        stylesheet=urls.file_url(page, urls.LEARN_STYLESHEET),
    )


def _today(page: str, templates: Templates) -> str:
    return templates.render(
        "today",
        a_to_z=urls.page_url(page, urls.A_TO_Z),
        root=urls.page_url(page, urls.HOME),
        index=urls.file_url(page, urls.API_INDEX),
        script=urls.file_url(page, urls.TODAY_SCRIPT),
        stylesheet=urls.file_url(page, urls.LEARN_STYLESHEET),
    )


def _fill(html: str, slot: str, widget: str) -> str:
    # Ours is the last slot of its kind on the page: a copy typed into the glossary text comes earlier.
    before, found, after = html.rpartition(slot)
    return before + widget + after if found else html


def add_widgets(
    index: GlossaryIndex, page: str, html: str, base_url: str, site_name: str, templates: Templates = BUILT_IN
) -> str:
    """The finished page ``page`` (a docs-relative source path) with its learning widgets in place."""
    if "gl-slot-" not in html:
        return html
    slug = urls.term_slug(page)
    if slug in index.terms:
        term = index.terms[slug]
        html = _fill(html, KNOW_SLOT, _know(index, term, page, templates))
        return _fill(html, CITE_SLOT, _cite(term, page, base_url, site_name, templates))
    for path_id in index.paths:
        if page == urls.path_page(path_id):
            return _fill(html, STEPS_SLOT, _steps(index, path_id, page, templates))
        if page == urls.check_page(path_id):
            return _fill(html, CHECK_SLOT, _check(index, path_id, page, templates))
    if page == urls.HOME:
        return _fill(html, TODAY_SLOT, _today(page, templates))
    return html
