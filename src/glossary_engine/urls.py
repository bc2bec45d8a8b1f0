"""Where each generated page lives (as a docs-relative Markdown source path) and links between them.

Generated pages are HTML written by us, so their links are final site URLs (``page_url``). Links
in hand-written Markdown pages (the ``term`` macro) stay source paths (``relative``), so MkDocs turns
them into URLs and checks each one. Both assume MkDocs' default ``use_directory_urls: true``.
"""

from __future__ import annotations

import posixpath

HOME = "index.md"
A_TO_Z = "terms/index.md"
CLUSTERS = "clusters/index.md"
PATHS = "paths/index.md"


def term_page(slug: str) -> str:
    """Source path of a term's page: served at /terms/<slug>/."""
    return f"terms/{slug}.md"


def cluster_page(cluster_id: str) -> str:
    """Source path of a cluster's page."""
    return f"clusters/{cluster_id}.md"


def path_page(path_id: str) -> str:
    """Source path of a learning path's page."""
    return f"paths/{path_id}.md"


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
    """Term and learning-path pages: reached from the A–Z and paths index pages, not the nav."""
    folder = posixpath.dirname(page)
    return folder in ("terms", "paths") and page not in (A_TO_Z, PATHS)


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
