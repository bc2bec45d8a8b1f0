"""Where each generated page lives (as a docs-relative Markdown source path) and links between them.

Generated pages are HTML written by us, so their links are final site URLs (``page_url``). Links
in hand-written Markdown pages (the ``term`` macro) stay source paths (``relative``), so MkDocs turns
them into URLs and checks each one. Both assume MkDocs' default ``use_directory_urls: true``.
"""

from __future__ import annotations

import functools
import posixpath
import re
from urllib.parse import urljoin, urlsplit

HOME = "index.md"
A_TO_Z = "terms/index.md"
CLUSTERS = "clusters/index.md"
PATHS = "paths/index.md"
WHATS_NEW = "whats-new.md"
A_TO_Z_PARTS = "a-z"
"""The folder of the A–Z index's parts, once it is too long for one page (``render/longlist.py``)."""
TIMELINE_PARTS = "timeline"
"""The folder of the timeline's parts (the timeline itself is ``timeline.md``)."""

# Files (site paths, not pages). The feeds and the per-term API are public addresses other sites and
# feed readers keep: never move them; a new shape of the API gets a new version folder.
FEED_ATOM = "feed.xml"
FEED_JSON = "feed.json"
API_VERSION = "v1"
API_INDEX = f"api/{API_VERSION}/terms.json"
API_TERM_SCHEMA = f"api/{API_VERSION}/term.schema.json"

# The learning features' scripts and stylesheet, each loaded only by the pages that use it.
LEARN_STYLESHEET = "assets/glossary-learn.css"
PROGRESS_SCRIPT = "assets/glossary-progress.js"
CITE_SCRIPT = "assets/glossary-cite.js"
CHECK_SCRIPT = "assets/glossary-check.js"
TODAY_SCRIPT = "assets/glossary-today.js"
EMBED_SCRIPT = "assets/glossary-embed.js"


def term_page(slug: str) -> str:
    """Source path of a term's page: served at /terms/<slug>/."""
    return f"terms/{slug}.md"


def cluster_page(cluster_id: str) -> str:
    """Source path of a cluster's page."""
    return f"clusters/{cluster_id}.md"


def path_page(path_id: str) -> str:
    """Source path of a learning path's page."""
    return f"paths/{path_id}.md"


def check_page(path_id: str) -> str:
    """Source path of a learning path's self-check: served at /paths/<id>/check/."""
    return f"paths/{path_id}/check.md"


def deck_file(path_id: str) -> str:
    """Site path of a learning path's flashcard deck (tab-separated, for Anki)."""
    return f"paths/{path_id}/deck.tsv"


def api_term(slug: str) -> str:
    """Site path of a term's definition as JSON, for other sites: api/v1/terms/<slug>.json."""
    return f"api/{API_VERSION}/terms/{slug}.json"


def site_path(page: str) -> str:
    """Where a source page is served, from the site root, ending in "/" (``""`` for the home page):
    ``terms/parameter.md`` → ``terms/parameter/``."""
    path = _site_path(page)
    return path + "/" if path else ""


def absolute(base_url: str, page: str) -> str:
    """The absolute URL of a source page; ``base_url`` ends in "/"."""
    return base_url + site_path(page)


def term_url(base_url: str, slug: str) -> str:
    """Absolute URL of a term's page."""
    return absolute(base_url, term_page(slug))


def cluster_url(base_url: str, cluster_id: str) -> str:
    """Absolute URL of a cluster's page."""
    return absolute(base_url, cluster_page(cluster_id))


def path_url(base_url: str, path_id: str) -> str:
    """Absolute URL of a learning path's page."""
    return absolute(base_url, path_page(path_id))


def term_slug(page: str) -> str | None:
    """The slug of the term whose page ``page`` is, or None for any other page."""
    folder, name = posixpath.split(page)
    return name.removesuffix(".md") if folder == "terms" and name.endswith(".md") and name != "index.md" else None


def former_term_page(slug: str) -> str:
    """The file, from the site root, of the page that forwards a term's former slug."""
    return f"{site_path(term_page(slug))}index.html"


def listed_by_an_index(page: str) -> bool:
    """Term and learning-path pages (and each path's self-check): reached from the A–Z and paths index
    pages and the path pages, not the nav."""
    folder = posixpath.dirname(page)
    return (folder in ("terms", "paths") or folder.startswith("paths/")) and page not in (A_TO_Z, PATHS)


def file_url(from_page: str, path: str) -> str:
    """The relative URL from a Markdown source page to a file of the site (``assets/x.js``)."""
    depth = len([part for part in _site_path(from_page).split("/") if part])
    return "../" * depth + path


def relative(from_page: str, to_page: str) -> str:
    """The link from one source page to another, as MkDocs expects it in Markdown."""
    return posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")


# The Markdown file extensions MkDocs reads, as mkdocs.utils.markdown_extensions lists them.
_MARKDOWN = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")


def _site_path(page: str) -> str:
    """Where MkDocs serves a Markdown source page (directory URLs), from the site root; '' is the root.
    Like MkDocs, ``index`` and ``README`` pages stand for their folder."""
    stem, extension = posixpath.splitext(page)
    if extension not in _MARKDOWN:
        stem = page
    folder, name = posixpath.split(stem)
    return folder if name in ("index", "README") else stem


def page_url(from_page: str, to_page: str) -> str:
    """The relative site URL from one Markdown source page to another, as MkDocs serves them.

    ``terms/a.md`` → ``terms/b.md`` is ``../b/``; ``index.md`` is the site root. Computed on the
    path segments alone (``posixpath.relpath`` asks the file system for the working directory, and a
    big term page makes a few hundred links).
    """
    source = [part for part in _site_path(from_page).split("/") if part]
    target = [part for part in _site_path(to_page).split("/") if part]
    shared = 0
    for a, b in zip(source, target, strict=False):
        if a != b:
            break
        shared += 1
    steps = [".."] * (len(source) - shared) + target[shared:]
    return "/".join(steps) + "/" if steps else "./"


_PLAIN_URL = re.compile(r"(?:[\w~-][\w.~-]*/)*[\w~-][\w.~-]*/?", re.ASCII)
"""A relative URL of plain segments: nothing to escape, no empty or dot segment, no query or fragment."""


@functools.lru_cache(maxsize=8)
def _joined_base(base: str) -> tuple[str, str] | None:
    if not base.endswith("/"):
        base += "/"
    parts = urlsplit(base)
    if parts.query or parts.fragment or "/." in parts.path:
        return None
    joined = urljoin(base, "x")[:-1]
    return joined, urlsplit(joined).path


def join(base: str, url: str) -> tuple[str, str]:
    """``urljoin(base + "/", url)`` and that URL's path, as MkDocs gives every page (its canonical
    URL), without parsing both for each of thousands of pages: a plain ``url`` is appended to the
    joined base, which is parsed once."""
    joined = _joined_base(base) if _PLAIN_URL.fullmatch(url) else None
    if joined is None:
        full = urljoin(base if base.endswith("/") else base + "/", url)
        return full, urlsplit(full).path
    return joined[0] + url, joined[1] + url
