"""The shape of glossary.yaml, as data: one list of fields per record kind.

The loader checks the file against these specs, and the editors' guide (and later a JSON Schema) is
derived from the same lists, so the documentation cannot drift from what is enforced.
"""

from __future__ import annotations

from dataclasses import dataclass

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
SLUG_MAX = 80
"""Longest slug: it becomes a folder name, and file systems refuse names past 255 bytes."""
REVIEW_MONTHS = 24
"""How often a term should be re-read when its cluster does not say."""
LINE_MAX = 500
"""Longest one-line value, in characters, unless its field sets a lower limit."""
NAME_MAX = 120
"""Longest title, alias or link text: names are shown in navigation, cards and maps."""

# Kinds of value a field can hold. The loader has one checker per kind.
SLUG = "slug"  # lowercase letters, digits and single hyphens
SLUGS = "slugs"  # list of slugs that name no current term (a term's former slugs)
LINE = "line"  # one line of plain text
MARKDOWN = "markdown"  # Markdown prose that may link terms with [[slug]]
INTEGER = "integer"
BOOLEAN = "boolean"
YEAR = "year"
DATE = "date"  # a calendar date, YYYY-MM-DD
TERM_REFS = "term-refs"  # list of term slugs
LINES = "lines"  # list of one-line texts
MARKDOWN_LIST = "markdown-list"  # list of Markdown items
RECORDS = "records"  # list of mappings with their own fields
DOI = "doi"
ARXIV = "arxiv"
ISBN = "isbn"
URL = "url"


@dataclass(frozen=True)
class Field:
    """One key of a record: its kind, whether it is required, and what it means."""

    name: str
    kind: str
    required: bool
    help: str
    minimum: int | None = None
    maximum: int | None = None  # a number's bounds; for text, its greatest length (default LINE_MAX)
    record: tuple[Field, ...] = ()


CITATION_FIELDS = (
    Field("authors", LINES, True, 'Authors as printed, one per item; end with "et al." to shorten a long list.'),
    Field("year", YEAR, False, "Year of publication."),
    Field("title", LINE, True, "Exact title of the work."),
    Field("venue", LINE, False, "Journal, conference or preprint server."),
    Field("publisher", LINE, False, "Publisher, for books."),
    Field("chapter", LINE, False, "Chapter or section, for books."),
    Field("doi", DOI, False, "DOI without the resolver, e.g. 10.1038/323533a0."),
    Field("arxiv", ARXIV, False, "arXiv identifier, e.g. 1706.03762."),
    Field("isbn", ISBN, False, "ISBN-10 or ISBN-13; hyphens allowed."),
    Field("url", URL, False, "An http(s) address where the work can be read or bought."),
)
CITATION_LOCATORS = ("doi", "arxiv", "isbn", "url")

CONTRAST_FIELDS = (
    Field("term", SLUG, True, "Slug of the term this one is often confused with."),
    Field("difference", MARKDOWN, True, "One or two sentences on how the two differ."),
)

QUESTION_FIELDS = (
    Field("question", LINE, True, "A question readers really ask."),
    Field("answer", MARKDOWN, True, "The answer, in a few sentences."),
)

TERM_FIELDS = (
    Field("slug", SLUG, True, "Stable identifier and URL: /terms/<slug>/. Never change it once published."),
    Field("title", LINE, True, "The name of the term as readers know it.", maximum=NAME_MAX),
    Field(
        "formerly",
        SLUGS,
        False,
        "Slugs this term was published under before a rename; their old addresses forward here.",
    ),
    Field(
        "link_text",
        LINE,
        False,
        "How a bare [[slug]] link reads in running prose. By default the title in lower case, keeping acronyms"
        " and words with inner capitals; set it for names, e.g. Bayes' theorem.",
        maximum=NAME_MAX,
    ),
    Field("aliases", LINES, False, 'Other names and acronyms ("also known as"); search finds them.', maximum=NAME_MAX),
    Field(
        "autolink",
        BOOLEAN,
        False,
        "Set to false to stop the first mention of other terms in this term's prose being linked automatically.",
    ),
    Field("short", LINE, True, "One-sentence definition for cards, previews and the meta description."),
    Field("year", YEAR, False, "Year the concept was introduced, where it has a clear origin."),
    Field(
        "reviewed",
        DATE,
        False,
        "Date the entry was last re-read against current sources (YYYY-MM-DD); shown on the page and in the"
        " exports, and `glossary stale` lists the entries most in need of another look.",
    ),
    Field(
        "added",
        DATE,
        False,
        "Date the entry was first published (YYYY-MM-DD); the feeds and the What's new page list it as new"
        " from then, and as updated from its `reviewed` date when that is later.",
    ),
    Field("generality", INTEGER, True, "How broad and foundational the concept is.", 0, 1000),
    Field("cluster", SLUG, True, "Id of the cluster (topic area) the term belongs to."),
    Field("explanation", MARKDOWN, True, "The long explanation, in Markdown."),
    Field("why_it_matters", MARKDOWN, False, "Section: why it matters."),
    Field("how_it_works", MARKDOWN, False, "Section: how it works."),
    Field("examples", MARKDOWN_LIST, False, "Section: examples, one per item."),
    Field("strengths", MARKDOWN_LIST, False, "Section: strengths, one per item."),
    Field("challenges", MARKDOWN_LIST, False, "Section: challenges, one per item."),
    Field("questions", RECORDS, False, "Section: common questions with answers.", record=QUESTION_FIELDS),
    Field("related", TERM_REFS, False, "Slugs of related terms, most useful first."),
    Field("contrast", RECORDS, False, "Terms this one is often confused with.", record=CONTRAST_FIELDS),
    Field("further_reading", RECORDS, False, "Real sources, cited in full.", record=CITATION_FIELDS),
)

CLUSTER_FIELDS = (
    Field("id", SLUG, True, "Stable identifier and URL: /clusters/<id>/."),
    Field("title", LINE, True, "Name of the topic area.", maximum=NAME_MAX),
    Field("description", MARKDOWN, True, "What the cluster covers."),
    Field(
        "review_months",
        INTEGER,
        False,
        f"How often its terms should be re-read, in months (default {REVIEW_MONTHS}); fast-moving areas get fewer.",
        1,
        120,
    ),
)

PATH_FIELDS = (
    Field("id", SLUG, True, "Stable identifier and URL: /paths/<id>/."),
    Field("title", LINE, True, "Name of the learning path.", maximum=NAME_MAX),
    Field("description", MARKDOWN, True, "What a reader understands at the end."),
    Field("steps", TERM_REFS, True, "Term slugs in reading order; no repeats."),
)

TOP_FIELDS = (
    Field("hub", SLUG, True, "Slug of the site-wide entry term (the start of every breadcrumb)."),
    Field("clusters", RECORDS, True, "Topic areas.", record=CLUSTER_FIELDS),
    Field("paths", RECORDS, False, "Learning paths.", record=PATH_FIELDS),
    Field("terms", RECORDS, True, "The glossary entries.", record=TERM_FIELDS),
)

FIRST_YEAR = 1600
FIRST_REVIEW_YEAR = 2000

# Names that would collide with pages and folders of the built site.
RESERVED_SLUGS = frozenset({"index", "search", "assets", "sitemap", "404", "stylesheets", "javascripts"})

ALL_FIELDS = (
    *TOP_FIELDS,
    *TERM_FIELDS,
    *CLUSTER_FIELDS,
    *PATH_FIELDS,
    *CITATION_FIELDS,
    *CONTRAST_FIELDS,
    *QUESTION_FIELDS,
)
"""Every field of every record kind (a name can be a field of several kinds: title, year...)."""
FIELD_NAMES = frozenset(field.name for field in ALL_FIELDS)
"""Every field name: a line that starts with one is almost surely a field."""
