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

import bisect
import html
import json
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
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


Scored = tuple[dict[str, int], set[str]]
"""A document's words with their scores, and the words of its names."""


@dataclass
class _Index:
    """One build's index: its documents, their scores, and each file's content."""

    docs: list[SearchDoc]
    scored: list[Scored]
    docs_of: dict[str, list[int]]  # word -> the documents it scores in, in no order
    tables: dict[str, dict[str, list[int]]]  # shard key -> {word: [doc, score, ...]}, words in order
    words: dict[str, str]  # shard key -> its file's content
    rows: list[str]  # each document shard's file content


_last: list[_Index] = []
"""The last index this process made: a rebuild (mkdocs serve) scores only the documents an edit
changed, and ranks again only their words."""
MOST_CHANGED = 50
"""Past this many changed documents the index is made whole."""


def search_files(docs: Iterable[SearchDoc]) -> list[tuple[str, str]]:
    """The index files for ``docs``, as (site path, content), the words' shards in key order."""
    docs = list(docs)
    last = _last.pop() if _last else None
    made = (_again(last, docs) if last is not None else None) or _whole(docs, last)
    if PIECES.remember:  # only a serving process builds again
        _last.append(made)
    listing = {"shards": sorted(made.tables), "per": DOCS_PER_SHARD, "docs": len(docs)}
    return [
        ("search/index.json", _dumps(listing)),
        *((f"search/words/{shard_file(key)}.json", made.words[key]) for key in sorted(made.tables)),
        *((f"search/docs/{n}.json", rows) for n, rows in enumerate(made.rows)),
    ]


def _order(posting: tuple[int, int]) -> tuple[int, int]:
    """Best first: highest score, then first document."""
    return -posting[1], posting[0]


def _ranked(word: str, postings: Iterable[tuple[int, int]], scored: list[Scored]) -> list[int]:
    """A word's postings as stored: the documents that name it, then the best of the rest, each best
    first, as [doc, score, doc, score, ...]."""
    ranked = sorted(postings, key=_order)
    names = [p for p in ranked if word in scored[p[0]][1]]
    rest = [p for p in ranked if word not in scored[p[0]][1]][:PROSE_POSTINGS]
    return [n for posting in names + rest for n in posting]


def _reranked(word: str, stored: list[int], n: int, named: set[str], scored: list[Scored]) -> list[int] | None:
    """``word``'s stored postings after document ``n`` alone changed (``named``: the words of its names
    before; ``scored``: the new scores), without sorting every document the word is in: ``n``'s old
    posting is taken out and its new one put in place. None when the result depends on a posting the
    stored list cut off (``n`` was among the best of a list cut at ``PROSE_POSTINGS``)."""
    postings = [(m, score) for m, score in zip(stored[::2], stored[1::2], strict=True) if m != n]
    names = [p for p in postings if word in scored[p[0]][1]]
    rest = [p for p in postings if word not in scored[p[0]][1]]
    if len(rest) == PROSE_POSTINGS - 1 and len(postings) != len(stored) // 2 and word not in named:
        return None  # n left a full list of the best: the next best is not in it
    score = scored[n][0].get(word)
    if score is not None:  # below the best of a cut list, it lands past the cut and stays out
        bisect.insort(names if word in scored[n][1] else rest, (n, score), key=_order)
    return [m for posting in names + rest[:PROSE_POSTINGS] for m in posting]


def _rows(docs: list[SearchDoc], shard: int) -> str:
    start = shard * DOCS_PER_SHARD
    return _dumps(
        [
            [KIND[d.kind], d.title, d.url, d.summary, *([list(d.aliases)] if d.aliases else [])]
            for d in docs[start : start + DOCS_PER_SHARD]
        ]
    )


def _whole(docs: list[SearchDoc], last: _Index | None) -> _Index:
    """The index made from every document (scores of documents the last index had are reused)."""
    known = dict(zip(last.docs, last.scored, strict=True)) if last is not None else {}
    scored = [known.get(doc) or _scores(doc) for doc in docs]
    postings: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for number, (scores, _) in enumerate(scored):
        for word, score in scores.items():
            postings[word].append((number, score))
    tables: dict[str, dict[str, list[int]]] = defaultdict(dict)
    for word in sorted(postings):
        tables[shard_key(word)][word] = _ranked(word, postings[word], scored)
    shards = range((len(docs) + DOCS_PER_SHARD - 1) // DOCS_PER_SHARD)
    words = {key: _dumps(table) for key, table in tables.items()}
    docs_of = {word: [n for n, _ in found] for word, found in postings.items()}
    return _Index(docs, scored, docs_of, dict(tables), words, [_rows(docs, n) for n in shards])


def _again(last: _Index, docs: list[SearchDoc]) -> _Index | None:
    """``last`` with the documents that changed scored and their words ranked again; None when the
    documents are not the same list with a few changed (then the index is made whole)."""
    if len(docs) != len(last.docs):
        return None
    changed = [n for n, (doc, before) in enumerate(zip(docs, last.docs, strict=True)) if doc != before]
    if len(changed) > MOST_CHANGED:
        return None
    scored = list(last.scored)
    docs_of = dict(last.docs_of)
    affected: set[str] = set()
    for n in changed:
        before = scored[n][0]
        scored[n] = _scores(docs[n])
        now = scored[n][0]
        for word in before.keys() - now.keys():
            docs_of[word] = [m for m in docs_of[word] if m != n]
        for word in now.keys() - before.keys():
            docs_of[word] = [*docs_of.get(word, ()), n]
        affected.update(before, now)
    tables = dict(last.tables)
    keys = {shard_key(word) for word in affected}
    for key in keys:  # the shards that change, copied once: the last index keeps its own
        tables[key] = dict(tables.get(key, {}))
    for word in affected:
        table = tables[shard_key(word)]
        if not docs_of[word]:
            del table[word], docs_of[word]
            continue
        ranked = None
        if len(changed) == 1 and word in table:
            ranked = _reranked(word, table[word], changed[0], last.scored[changed[0]][1], scored)
        if ranked is None:
            ranked = _ranked(word, ((n, scored[n][0][word]) for n in docs_of[word]), scored)
        table[word] = ranked
    words = dict(last.words)
    for key in keys:
        if tables[key]:
            tables[key] = dict(sorted(tables[key].items()))
            words[key] = _dumps(tables[key])
        else:
            del tables[key], words[key]
    rows = list(last.rows)
    for shard in {n // DOCS_PER_SHARD for n in changed}:
        rows[shard] = _rows(docs, shard)
    return _Index(docs, scored, docs_of, tables, words, rows)
