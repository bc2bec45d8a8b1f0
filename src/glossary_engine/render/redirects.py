"""Renamed terms never break links: each former slug gets a page that forwards to the new one."""

from __future__ import annotations

import html
from collections.abc import Iterator

from .. import urls
from ..model.index import GlossaryIndex


def redirect_pages(index: GlossaryIndex, base_url: str) -> Iterator[tuple[str, str]]:
    """(site path, HTML) of a forwarding page for every former slug of every term."""
    for term in index.glossary.terms:
        title = html.escape(term.title)
        canonical = html.escape(urls.term_url(base_url, term.slug))
        for old in term.formerly:
            target = urls.page_url(urls.term_page(old), urls.term_page(term.slug))
            yield (
                urls.former_term_page(old),
                "<!doctype html>\n"
                '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
                f"<title>Moved: {title}</title>\n"
                f'<link rel="canonical" href="{canonical}">\n'
                '<meta name="robots" content="noindex">\n'
                f'<meta http-equiv="refresh" content="0; url={target}">\n'
                "</head>\n<body>\n"
                f'<p>This term has moved to <a href="{target}">{title}</a>.</p>\n'
                "</body>\n</html>\n",
            )
