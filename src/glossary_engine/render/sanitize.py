"""Keep untrusted glossary text from injecting markup into the site.

Term prose is Markdown written by many people through pull requests, so the HTML MkDocs renders from
a generated page goes through nh3 (the Rust ammonia sanitizer) with an allow-list that covers what
Markdown and our own page markup produce: no scripts, frames, images, styles, event handlers, or
``javascript:``/``data:`` URLs survive.
"""

from __future__ import annotations

import html

import nh3

from ..load.plaintext import tooltip

_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "details", "div", "dl", "dt", "em",
    "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "ins", "kbd", "li", "mark",
    "nav", "ol", "p", "pre", "section", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody",
    "td", "th", "thead", "time", "tr", "ul",
}  # fmt: skip
_GENERIC = {"class", "id", "title", "role", "lang", "dir", "aria-label", "aria-current", "aria-hidden"}
_ATTRIBUTES = {
    "*": _GENERIC,
    "a": _GENERIC | {"href"},
    "ol": _GENERIC | {"start"},
    "time": _GENERIC | {"datetime"},
    "td": _GENERIC | {"colspan", "rowspan", "align"},
    "th": _GENERIC | {"colspan", "rowspan", "align"},
}
_SCHEMES = {"http", "https", "mailto"}


def _filter_attribute(element: str, attribute: str, value: str) -> str:
    """A ``title`` (a Markdown link title in prose, say) becomes tooltip-safe: Material's tooltips
    read it into ``innerHTML``."""
    return tooltip(value) if attribute == "title" else value


# Built once: making the sanitizer for every page would cost as much as running it.
_CLEANER = nh3.Cleaner(
    attribute_filter=_filter_attribute,
    tags=_TAGS,
    attributes=_ATTRIBUTES,
    url_schemes=_SCHEMES,
    link_rel=None,
    clean_content_tags={"script", "style"},
)


def clean_html(markup: str) -> str:
    """The HTML with everything outside the allow-list removed (text content of scripts included)."""
    return _CLEANER.clean(markup)


def plain(value: str) -> str:
    """Text for a place MkDocs or the theme writes without escaping (page title, meta description)."""
    return html.escape(value, quote=False).replace('"', "&quot;")
