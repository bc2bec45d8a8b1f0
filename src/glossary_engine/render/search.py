"""The site's search index: small static files that a reader downloads only while searching.

Material's own search downloads one index of the whole site on every page view (3.3 MB at 10,000
terms) and builds it in the browser before the first result. This index is split instead, so one
query fetches a few small files, and nothing is fetched before the reader opens search:

- ``search/index.json``: the list of word shards that exist and how many documents each document
  shard holds (a few KB, fetched when the search box is first focused);
- ``search/words/<key>.json``: for every word starting with ``key`` (its first two characters), the
  documents it occurs in with a score, as ``{word: [doc, score, doc, score, …]}``, best first;
- ``search/docs/<n>.json``: what a result shows (kind, title, URL, definition, aliases) for documents
  ``n * DOCS_PER_SHARD`` onwards, fetched only for the results shown.

Scores put names first: a word of a term's title scores ``TITLE / words in the title`` (so the whole
title scores ``TITLE``), of an alias ``ALIAS / words``, of a cluster, path or page title ``PAGE_TITLE /
words``, of the definition ``SUMMARY``; each occurrence in the prose adds ``PROSE`` (up to
``PROSE_REPEATS`` times). A word found only in prose thus ranks its entry well below any term it
names. The browser side (``assets/glossary-search.js``) folds, splits and stems words exactly as
``words`` does here.
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from html.parser import HTMLParser

from .. import urls
from ..memo import PIECES
from ..model.index import GlossaryIndex, links_of
from ..model.records import Term
from .prose import plain_prose

TITLE = 1000
ALIAS = 600
PAGE_TITLE = 400
SUMMARY = 40
PROSE = 3
PROSE_REPEATS = 5
PROSE_POSTINGS = 400
"""At most this many documents per word from prose and definitions alone (the best scored): a word in
every entry ("model") finds the entries that name it, not 10,000 rows nobody reads. Name postings
are always kept, so an exact name is always found."""
DOCS_PER_SHARD = 32
KIND = {"term": "t", "cluster": "c", "path": "p", "page": "g"}

# Words too common to tell entries apart; the browser drops the same ones from a query.
STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "in",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "that",
        "the",
        "this",
        "to",
        "was",
        "were",
        "with",
    ]
)
_WORD = re.compile(r"[^\W_]+")
_MARK = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_SAFE_KEY = re.compile(r"[a-z0-9]+")
# [[slug]] and [[slug|text]] links, Markdown link targets and autolinks: a link reads as its text.
_PROSE_LINK = re.compile(r"\[\[\s*([^\]|\n]+?)\s*(?:\|\s*([^\]]+?)\s*)?\]\]")
_LINK_TARGET = re.compile(r"\]\([^)\s]*(?:\s+\"[^\"]*\")?\)")
_AUTOLINK = re.compile(r"<[a-z]+:[^>\s]*>", re.IGNORECASE)


def fold(text: str) -> str:
    """Lower case without accents ("Réseau" → "reseau"), as the browser folds a query."""
    return _MARK.sub("", unicodedata.normalize("NFKD", text)).lower()


def stem(word: str) -> str:
    """A plural's singular, crudely ("weights" → "weight"); both sides stem alike, so it need not be English."""
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def words(text: str) -> list[str]:
    """The index words of ``text``: folded, split on anything not a letter or digit, stemmed, no stop words."""
    return [stem(word) for word in _WORD.findall(fold(text)) if word not in STOP_WORDS]


def shard_key(word: str) -> str:
    """The shard a word lives in: its first two characters."""
    return word[:2]


def shard_file(key: str) -> str:
    """The file name of a shard: the key itself when it is ASCII letters and digits, else its UTF-8 in hex."""
    return key if _SAFE_KEY.fullmatch(key) else "x" + key.encode("utf-8").hex()


@dataclass(frozen=True)
class SearchDoc:
    """One searchable page: what a result shows, and the text behind it."""

    kind: str
    title: str
    url: str
    summary: str
    aliases: tuple[str, ...] = ()
    text: str = ""
    bonus: int = 0
    """Added to every word's score: broad terms are what most readers look for (generality / 50)."""


def prose_text(titles: Mapping[str, str], markdown: str) -> str:
    """Glossary prose as words to index: a ``[[slug]]`` link reads as its text or the term's title
    (from ``titles``, by slug), and link targets (URLs) are left out."""

    def shown(match: re.Match[str]) -> str:
        return match.group(2) or titles.get(match.group(1), match.group(1))

    return _AUTOLINK.sub(" ", _LINK_TARGET.sub("] ", _PROSE_LINK.sub(shown, markdown)))


def _term_doc(term: Term, titles: tuple[tuple[str, str], ...]) -> SearchDoc:
    """``term``'s search document; ``titles``: the title of each term it links to, by slug."""
    prose = [text for _, text in term.prose()] + [q.question for q in term.questions]
    return SearchDoc(
        "term",
        term.title,
        urls.site_path(urls.term_page(term.slug)),
        term.short,
        term.aliases,
        prose_text(dict(titles), "\n".join(prose)),
        term.generality // 50,
    )


def glossary_docs(index: GlossaryIndex) -> list[SearchDoc]:
    """Every term, cluster and learning path as a search document, in glossary order."""
    docs = []
    for term in index.glossary.terms:
        titles = tuple((slug, index.terms[slug].title) for slug in links_of(term))
        docs.append(PIECES.of(_term_doc, term, titles))
    # Descriptions may hold [[links]]: a result shows them as the page does, as their text.
    for cluster in index.glossary.clusters:
        where = urls.site_path(urls.cluster_page(cluster.id))
        docs.append(SearchDoc("cluster", cluster.title, where, plain_prose(index, cluster.description)))
    for path in index.glossary.paths:
        where = urls.site_path(urls.path_page(path.id))
        docs.append(SearchDoc("path", path.title, where, plain_prose(index, path.description)))
    return docs


class _Text(HTMLParser):
    """The text of an HTML fragment, without scripts, styles and permalink signs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style") or ("class", "headerlink") in attrs:
            self._skip += 1
        self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if self._skip and tag in ("script", "style", "a"):
            self._skip -= 1
        self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def page_doc(title: str, url: str, content_html: str, description: str = "") -> SearchDoc:
    """A hand-written page as a search document: its title, its description and its text."""
    parser = _Text()
    parser.feed(content_html)
    parser.close()
    text = " ".join("".join(parser.parts).split())
    summary = description or text[:160].rsplit(" ", 1)[0]
    return SearchDoc("page", html.unescape(title), url, summary, (), text)


def _scores(doc: SearchDoc) -> tuple[dict[str, int], set[str]]:
    """Each word of ``doc`` with its score (see the module docstring), and the words of its names."""
    scores: dict[str, int] = defaultdict(int)
    title_weight = TITLE if doc.kind == "term" else PAGE_TITLE
    names = [(doc.title, title_weight), *((alias, ALIAS) for alias in doc.aliases)]
    for name, weight in names:
        found = words(name)
        for word in set(found):
            scores[word] = max(scores[word], weight // len(found))
    for word in set(words(doc.summary)):
        scores[word] += SUMMARY
    for word, count in Counter(words(doc.text)).items():
        scores[word] += PROSE * min(count, PROSE_REPEATS)
    for word in scores:
        scores[word] += doc.bonus
    return scores, {word for name, _ in names for word in words(name)}


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n"


_last_scores: dict[SearchDoc, tuple[dict[str, int], set[str]]] = {}
"""The last index's documents and their scores: a rebuild in the same process (mkdocs serve) scores
only the documents an edit changed."""


def search_files(docs: Iterable[SearchDoc]) -> Iterator[tuple[str, str]]:
    """The index files for ``docs``, as (site path, content)."""
    global _last_scores
    docs = list(docs)
    postings: dict[str, list[tuple[int, int]]] = defaultdict(list)
    named: set[tuple[str, int]] = set()
    scored: dict[SearchDoc, tuple[dict[str, int], set[str]]] = {}
    for number, doc in enumerate(docs):
        scores, in_names = scored[doc] = _last_scores.get(doc) or _scores(doc)
        for word, score in scores.items():
            postings[word].append((number, score))
        named.update((word, number) for word in in_names)
    shards: dict[str, dict[str, list[int]]] = defaultdict(dict)
    for word in sorted(postings):
        ranked = sorted(postings[word], key=lambda posting: (-posting[1], posting[0]))
        names = [p for p in ranked if (word, p[0]) in named]
        rest = [p for p in ranked if (word, p[0]) not in named][:PROSE_POSTINGS]
        shards[shard_key(word)][word] = [n for posting in names + rest for n in posting]
    _last_scores = scored
    yield "search/index.json", _dumps({"shards": sorted(shards), "per": DOCS_PER_SHARD, "docs": len(docs)})
    for key, table in shards.items():
        yield f"search/words/{shard_file(key)}.json", _dumps(table)
    for start in range(0, len(docs), DOCS_PER_SHARD):
        rows = [
            [KIND[d.kind], d.title, d.url, d.summary, *([list(d.aliases)] if d.aliases else [])]
            for d in docs[start : start + DOCS_PER_SHARD]
        ]
        yield f"search/docs/{start // DOCS_PER_SHARD}.json", _dumps(rows)
