"""Macros for hand-written pages: link a term, show its card, a cluster's cards or a learning path.

Each takes the source path of the page it is rendered on, so links are relative to that page. ``term``
gives Markdown; the cards and the path give HTML blocks, the same markup as on generated pages. An
unknown name raises ``UnknownName`` with a did-you-mean suggestion; the hook turns it into a build error
that names the page and the line of the call (``failure_lines``).
"""

from __future__ import annotations

import re

from .. import urls
from ..load import schema
from ..load.loader import suggest
from ..model.index import GlossaryIndex
from . import markdown as md
from .cards import render_cards, term_card
from .pages import path_steps
from .templates import BUILT_IN, Templates


class UnknownName(Exception):
    """A macro was given a slug or id the glossary does not have."""

    def __init__(self, macro: str, kind: str, name: object, candidates: list[str]) -> None:
        self.macro = macro
        self.name = str(name)
        hint = suggest(self.name, candidates)
        super().__init__(f"{macro}: unknown {kind} '{self.name}'{hint}")


class BadCall(UnknownName):
    """A macro was called with the wrong arguments (none, too many, a list for a slug)."""

    def __init__(self, macro: str, detail: str) -> None:
        # Not UnknownName.__init__, which words the message for an unknown name.
        Exception.__init__(self, f"{macro}: {detail}; call it as {macro}('slug'), with the name in quotes")
        self.macro = macro
        self.name = f"{macro}("  # no name to look for: the line of the call is found by the macro


# Where mkdocs-macros calls a macro; a {% raw %} block (a page showing macros as examples) calls none.
_JINJA_TAG = re.compile(r"(\{%-?\s*raw\s*-?%\}.*?\{%-?\s*endraw\s*-?%\})|\{\{.*?\}\}|\{%.*?%\}", re.DOTALL)


def failure_lines(source: str, failures: list[UnknownName]) -> list[int]:
    """The line of ``source`` (a page's Markdown) on which each failed macro call is written; 0 if not found.

    The call itself, ``term('nope')`` inside ``{{ }}`` or ``{% %}``, is looked for, so a line of text
    that merely mentions the name is not taken for it; the n-th failure of one call is taken to be its
    n-th occurrence. A call whose name is not written out (a Jinja variable) falls back to the first
    line naming it."""
    tags = [(tag.start(), tag.group()) for tag in _JINJA_TAG.finditer(source) if not tag.group(1)]
    lines = []
    seen: dict[tuple[str, str], int] = {}
    for failure in failures:
        call = re.compile(rf"(?<![\w.]){re.escape(failure.macro)}\(\s*(['\"]){re.escape(failure.name)}\1")
        starts = [
            source.count("\n", 0, start + found.start()) + 1 for start, tag in tags for found in call.finditer(tag)
        ]
        count = seen.get((failure.macro, failure.name), 0)
        seen[(failure.macro, failure.name)] = count + 1
        if starts:
            lines.append(starts[min(count, len(starts) - 1)])
        else:
            lines.append(next((n for n, text in enumerate(source.splitlines(), 1) if failure.name in text), 0))
    return lines


class GlossaryMacros:
    """The macros, bound to one build's glossary."""

    def __init__(self, index: GlossaryIndex, templates: Templates = BUILT_IN) -> None:
        self.index = index
        self.templates = templates

    def _term(self, macro: str, slug: object) -> str:
        if not isinstance(slug, str) or slug not in self.index.terms:
            raise UnknownName(macro, "term", slug, list(self.index.terms))
        return slug

    def term(self, page: str, slug: str, text: str | None = None) -> str:
        """``{{ term('parameter') }}`` or ``{{ term('parameter', 'parameters') }}``: a link to a term."""
        term = self.index.terms[self._term("term", slug)]
        # Markdown with a source-path link, so MkDocs resolves and checks it like any link on the page.
        label = md.text(text if text is not None else term.title)
        return md.link(label, urls.relative(page, urls.term_page(term.slug)), term.short)

    def term_card(self, page: str, slug: str) -> str:
        """``{{ term_card('parameter') }}``: the term's card."""
        return render_cards([term_card(self.index.terms[self._term("term_card", slug)])], page, self.templates)

    def cluster_cards(self, page: str, cluster_id: str) -> str:
        """``{{ cluster_cards('neural-networks') }}``: every term of a cluster as cards."""
        if cluster_id not in self.index.clusters:
            raise UnknownName("cluster_cards", "cluster", cluster_id, list(self.index.clusters))
        return render_cards((term_card(t) for t in self.index.cluster_terms[cluster_id]), page, self.templates)

    def learning_path(self, page: str, path_id: str) -> str:
        """``{{ learning_path('how-neural-networks-learn') }}``: the path's steps in order."""
        if path_id not in self.index.paths:
            raise UnknownName("learning_path", "learning path", path_id, list(self.index.paths))
        return path_steps(self.index, path_id, page)

    def field_reference(self, page: str, record: str) -> str:
        """``{{ field_reference('term') }}``: the fields of a record kind as a table, from the schema itself."""
        fields = {
            "top": schema.TOP_FIELDS,
            "term": schema.TERM_FIELDS,
            "cluster": schema.CLUSTER_FIELDS,
            "path": schema.PATH_FIELDS,
            "citation": schema.CITATION_FIELDS,
            "contrast": schema.CONTRAST_FIELDS,
            "question": schema.QUESTION_FIELDS,
        }
        if record not in fields:
            raise UnknownName("field_reference", "record kind", record, list(fields))
        rows = ["| Field | Kind | Required | Meaning |", "| --- | --- | --- | --- |"]
        for field in fields[record]:
            kind = field.kind + (f" ({field.minimum}–{field.maximum})" if field.minimum is not None else "")
            rows.append(f"| `{field.name}` | {kind} | {'yes' if field.required else 'no'} | {md.text(field.help)} |")
        return "\n".join(rows) + "\n"

    def names(self) -> tuple[str, ...]:
        """The names under which the macros are offered to pages."""
        return ("term", "term_card", "cluster_cards", "learning_path", "field_reference")
