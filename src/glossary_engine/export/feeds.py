"""The What's new feeds: Atom (RFC 4287) and JSON Feed 1.1, from the glossary's own dates.

Each listed term is one entry whose id is its permanent URL, so a feed reader shows a re-reviewed
term as the same entry, updated. ``published`` is the term's ``added`` date, ``updated`` its latest
date (see ``model/changes.py``). Dates are days, written as midnight UTC. The feed's own date is its
newest entry's, never the build time, so the same glossary gives byte-identical feeds.
"""

from __future__ import annotations

import datetime
import json
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from .. import urls
from ..model.changes import Change, recent_changes
from ..model.index import GlossaryIndex

JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
_NO_DATE = datetime.date(2000, 1, 1)  # a feed with no dated term still needs a date


def timestamp(day: datetime.date) -> str:
    """A day as an RFC 3339 timestamp, midnight UTC."""
    return f"{day.isoformat()}T00:00:00Z"


def feed_title(site_name: str) -> str:
    """The feeds' title."""
    return f"{site_name}: what's new"


def _summary(change: Change) -> str:
    text = f"{change.label}: {change.term.short}"
    if change.renamed:
        text += " Formerly " + ", ".join(change.term.formerly) + "."
    return text


def _categories(change: Change) -> list[str]:
    return [change.kind, "renamed"] if change.renamed else [change.kind]


def _newest(changes: tuple[Change, ...]) -> datetime.date:
    return changes[0].date if changes else _NO_DATE


def to_atom(index: GlossaryIndex, base_url: str, site_name: str) -> str:
    """The Atom feed of the latest changes."""
    changes = recent_changes(index)
    feed_url = base_url + urls.FEED_ATOM
    page_url = urls.absolute(base_url, urls.WHATS_NEW)
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">',
        f"  <id>{escape(feed_url)}</id>",
        f"  <title>{escape(feed_title(site_name))}</title>",
        f"  <subtitle>{escape(f'Terms added to and updated in {site_name}.')}</subtitle>",
        f"  <updated>{timestamp(_newest(changes))}</updated>",
        f"  <author><name>{escape(site_name)}</name><uri>{escape(base_url)}</uri></author>",
        f'  <link rel="self" type="application/atom+xml" href={quoteattr(feed_url)}/>',
        f'  <link rel="alternate" type="text/html" href={quoteattr(page_url)}/>',
    ]
    for change in changes:
        url = urls.term_url(base_url, change.term.slug)
        lines.append("  <entry>")
        lines.append(f"    <id>{escape(url)}</id>")
        lines.append(f"    <title>{escape(change.term.title)}</title>")
        lines.append(f'    <link rel="alternate" type="text/html" href={quoteattr(url)}/>')
        if change.added is not None:
            lines.append(f"    <published>{timestamp(change.added)}</published>")
        lines.append(f"    <updated>{timestamp(change.date)}</updated>")
        lines.extend(f"    <category term={quoteattr(name)}/>" for name in _categories(change))
        lines.append(f'    <summary type="text">{escape(_summary(change))}</summary>')
        lines.append("  </entry>")
    lines.append("</feed>")
    return "\n".join(lines) + "\n"


def to_json_feed(index: GlossaryIndex, base_url: str, site_name: str) -> str:
    """The JSON Feed (version 1.1) of the latest changes."""
    items: list[dict[str, Any]] = []
    for change in recent_changes(index):
        url = urls.term_url(base_url, change.term.slug)
        item: dict[str, Any] = {
            "id": url,
            "url": url,
            "title": change.term.title,
            "content_text": _summary(change),
            "summary": change.term.short,
        }
        if change.added is not None:
            item["date_published"] = timestamp(change.added)
        item["date_modified"] = timestamp(change.date)
        item["tags"] = _categories(change)
        items.append(item)
    feed = {
        "version": JSON_FEED_VERSION,
        "title": feed_title(site_name),
        "home_page_url": urls.absolute(base_url, urls.WHATS_NEW),
        "feed_url": base_url + urls.FEED_JSON,
        "description": f"Terms added to and updated in {site_name}.",
        "language": "en",
        "authors": [{"name": site_name, "url": base_url}],
        "items": items,
    }
    return json.dumps(feed, ensure_ascii=False, indent=1) + "\n"
