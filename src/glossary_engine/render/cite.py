"""How to cite a term: an APA-style reference, a BibTeX entry and CSL-JSON, for the term page.

All three name the site as author and container, give the term's permanent URL, and date the entry by
its ``reviewed`` date (APA's "n.d." and no date field when it has none). They are plain text: the
page template escapes them, and the copy buttons copy them as shown.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from .. import urls
from ..model.records import Term
from .templates import MONTHS, long_date

_BIBTEX_SPECIAL = re.compile(r"[\\{}%&$#_^~]")
_BIBTEX_ESCAPES = {"\\": r"\textbackslash{}", "^": r"\^{}", "~": r"\~{}"}
_BIBTEX_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


@dataclass(frozen=True)
class TermCitation:
    """One term's citation in the three forms the page offers."""

    apa: str
    bibtex: str
    csl_json: str


def bibtex_text(text: str) -> str:
    """Text for a braced BibTeX field, with TeX's special characters escaped."""
    return _BIBTEX_SPECIAL.sub(lambda m: _BIBTEX_ESCAPES.get(m.group(), "\\" + m.group()), text)


def _apa(term: Term, url: str, site_name: str) -> str:
    day = term.reviewed
    when = f"{day.year}, {MONTHS[day.month - 1]} {day.day}" if day else "n.d."
    return f"{site_name}. ({when}). {term.title}. In {site_name}. {url}"


def _bibtex(term: Term, url: str, site_name: str) -> str:
    fields = [
        ("author", "{" + bibtex_text(site_name) + "}"),
        ("title", bibtex_text(term.title)),
        ("howpublished", bibtex_text(site_name)),
    ]
    if term.reviewed:
        fields.append(("year", str(term.reviewed.year)))
        fields.append(("date", term.reviewed.isoformat()))
        fields.append(("note", bibtex_text(f"Glossary entry, reviewed {long_date(term.reviewed)}")))
    else:
        fields.append(("note", "Glossary entry"))
    fields.append(("url", url))
    body = "".join(f"  {name} = {{{value}}},\n" for name, value in fields)
    month = f"  month = {_BIBTEX_MONTHS[term.reviewed.month - 1]},\n" if term.reviewed else ""
    return f"@misc{{{term.slug},\n{body}{month}}}"


def _csl(term: Term, url: str, site_name: str) -> str:
    item: dict[str, object] = {
        "id": term.slug,
        "type": "entry-dictionary",
        "title": term.title,
        "author": [{"literal": site_name}],
        "container-title": site_name,
        "publisher": site_name,
        "URL": url,
    }
    if term.reviewed:
        item["issued"] = {"date-parts": [[term.reviewed.year, term.reviewed.month, term.reviewed.day]]}
    return json.dumps([item], ensure_ascii=False, indent=2)


def term_citation(term: Term, base_url: str, site_name: str) -> TermCitation:
    """The citation of ``term`` on the site ``site_name`` at ``base_url``."""
    url = urls.term_url(base_url, term.slug)
    return TermCitation(_apa(term, url, site_name), _bibtex(term, url, site_name), _csl(term, url, site_name))
