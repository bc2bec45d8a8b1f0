"""Load glossary.yaml: check every field and every cross-reference, then build the model.

Every problem is collected and reported at once, as ``glossary.yaml:LINE:COL: term 'x': what``,
with a did-you-mean suggestion when a close name exists. Nothing here raises for bad input except
``GlossaryError`` at the very end.
"""

from __future__ import annotations

import datetime
import difflib
import gc
import re
import unicodedata
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..model.links import find_links, unclosed_links
from ..model.records import Citation, Cluster, Contrast, Glossary, LearningPath, Question, Term
from . import cache, plaintext, schema
from .chunks import chunk_digest, split_terms
from .problems import GlossaryError, Problem
from .schema import Field
from .source import Mapping, Mark, Sequence, UnreadableFile, read_file, read_yaml

if TYPE_CHECKING:
    from .reread import Reader

_SLUG = re.compile(schema.SLUG_PATTERN)
# Patterns are used with fullmatch: "$" alone would also accept a value with a final newline.
_DOI = re.compile(r"10\.\d{4,9}/\S+")
_ARXIV = re.compile(r"(?:\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?")
_ISBN = re.compile(r"(?:\d[- ]?){9}[\dX]|(?:\d[- ]?){12}\d")
_URL = re.compile(r"https?://[^\s/$.?#][^\s]*")
_LOCATORS = {
    schema.DOI: (_DOI, "a DOI like '10.1038/323533a0'"),
    schema.ARXIV: (_ARXIV, "an arXiv id like '1706.03762'"),
    schema.ISBN: (_ISBN, "an ISBN like '9780262035613'"),
    schema.URL: (_URL, "an http(s) URL like 'https://example.org/paper'"),
}


_BLOCK_STYLES = ("|", ">")
_FIELD_LINE = re.compile(r"([a-z_]+):(?:[ \t]+(.*?))?[ \t]*$")  # a line of a block that starts like "name: ..."
_BLOCK_HEADER = re.compile(r"[|>][-+]?(?:[ \t]+#.*)?")
_QUOTED = re.compile(r"\"[^\"]*\"|'[^']*'")
_FLOW_LIST = re.compile(r"\[.*\]")
_NUMBER = re.compile(r"\d+")
_ITEM_FIELD = re.compile(r"[ ]*-[ ]+([a-z_]+):(?:[ \t]|$)")


def _looks_like_value(field: Field, value: str | None, after: Iterable[str]) -> bool:
    """Whether ``value`` (the rest of a line after "name:") is written as YAML writes a value of ``field``,
    not as prose: a line of text can start with "examples: " where a sentence wraps."""
    kind = field.kind
    if not value:  # "further_reading:" with its items below, each starting with one of their fields
        following = next((line for line in after if line.strip()), "")
        item = _ITEM_FIELD.match(following)
        return kind == schema.RECORDS and item is not None and item.group(1) in {f.name for f in field.record}
    if _BLOCK_HEADER.fullmatch(value):
        return kind in (schema.LINE, schema.MARKDOWN)
    if kind in (schema.TERM_REFS, schema.SLUGS, schema.LINES, schema.MARKDOWN_LIST):
        return _FLOW_LIST.fullmatch(value) is not None
    if kind in (schema.INTEGER, schema.YEAR):
        return _NUMBER.fullmatch(value) is not None
    if kind == schema.BOOLEAN:
        return value in ("true", "false")
    if kind == schema.DATE:
        return re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) is not None
    if kind == schema.SLUG:
        return is_slug(value)
    if kind in _LOCATORS:
        return _LOCATORS[kind][0].fullmatch(value.strip("\"'")) is not None
    return kind == schema.LINE and _QUOTED.fullmatch(value) is not None


@dataclass
class Record:
    """One checked mapping of the file: each field's cleaned value (None when missing or wrong), and
    where the record, and each value, stand in the file."""

    values: dict[str, Any]
    mark: Mark
    marks: dict[str, Mark]  # the position of each value given
    raw: Mapping  # the mapping as read, for checks that need what was written
    subject: str | None  # "term 'parameter'": how messages name it

    def __getitem__(self, name: str) -> Any:
        return self.values[name]

    def get(self, name: str) -> Any:
        """The field's value, or None when the record has no such field."""
        return self.values.get(name)

    def lines(self) -> tuple[tuple[str, int], ...]:
        """The line where each given field's name is written, for messages about one field."""
        return tuple((name, mark.line) for name, mark in self.raw.key_marks.items())


SLUG_RULE = f"a slug (lowercase letters, digits and single hyphens, at most {schema.SLUG_MAX} characters)"


def is_slug(value: object) -> bool:
    """Whether ``value`` is a usable slug: the whole string matches, and it fits in a file name."""
    return isinstance(value, str) and len(value) <= schema.SLUG_MAX and _SLUG.fullmatch(value) is not None


def suggest(name: str, candidates: Iterable[str]) -> str:
    """Return `` (did you mean 'x'?)`` for the closest candidate, or an empty string."""
    close = difflib.get_close_matches(name, list(candidates), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def describe(value: Any) -> str:
    """Name a wrong value in a message: "text 'high'", "a list", "nothing"."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"'{str(value).lower()}'"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"text '{shown}'"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"'{value}'"


@dataclass(frozen=True)
class _Prose:
    """Markdown text kept for the link check: who owns it, which field, and where it starts."""

    subject: str
    field: str
    text: str
    mark: Mark


SUGGESTED_TERMS = 50
"""How many unknown slugs one read suggests a near slug for (each compares it with every slug): a file
cut short, as an editor's save is while it is being written, names thousands of unknown terms, and
suggestions for all of them took minutes at 10,000 terms."""


class _Checker:
    """Checks values against field specs; collects problems and prose for the link check."""

    def __init__(self, path: str, lines: tuple[str, ...], this_year: int) -> None:
        self.path = path
        self.lines = lines
        self.this_year = this_year
        self.problems: list[Problem] = []
        self.prose: list[_Prose] = []
        self.suggestions_left = SUGGESTED_TERMS

    def suggest_term(self, slug: str, slugs: set[str]) -> str:
        """``suggest`` among the slugs, for the first ``SUGGESTED_TERMS`` unknown slugs of a read."""
        if self.suggestions_left <= 0:
            return ""
        self.suggestions_left -= 1
        return suggest(slug, slugs)

    def problem(self, mark: Mark, subject: str | None, message: str, *, primary: bool = False) -> None:
        self.problems.append(Problem(self.path, mark.line, mark.column, subject, message, primary))

    # -- one value ---------------------------------------------------------------------------------

    def line_text(
        self, value: Any, mark: Mark, subject: str | None, name: str, maximum: int | None = None
    ) -> str | None:
        if not isinstance(value, str) or isinstance(value, bool):
            self.problem(mark, subject, f"{name}: expected text, got {describe(value)}")
            return None
        text = plaintext.normalize(value.strip())
        if not text:
            self.problem(mark, subject, f"{name}: must not be empty")
            return None
        if "\n" in text:
            self.problem(mark, subject, f"{name}: must be a single line")
            return None
        wrong = plaintext.line_problem(text, maximum or schema.LINE_MAX)
        if wrong:
            self.problem(mark, subject, f"{name}: {wrong}")
            return None
        return text

    def prose_text(self, value: Any, mark: Mark, subject: str | None, name: str, field: str) -> str | None:
        if not isinstance(value, str) or not value.strip():
            self.problem(mark, subject, f"{name}: expected Markdown text, got {describe(value)}")
            return None
        wrong = plaintext.prose_problem(value)
        if wrong:
            self.problem(mark, subject, f"{name}: {wrong}")
            return None
        self.prose.append(_Prose(subject or "", field, value, mark))
        return value.strip()

    def value(self, field: Field, value: Any, mark: Mark, subject: str | None) -> Any:
        """Check one field's value; return the cleaned value or None after reporting a problem."""
        name = field.name
        kind = field.kind
        if kind == schema.SLUG:
            if not is_slug(value):
                self.problem(mark, subject, f"{name}: expected {SLUG_RULE}, got {describe(value)}")
                return None
            if value in schema.RESERVED_SLUGS and name in ("slug", "id"):
                self.problem(mark, subject, f"{name}: '{value}' is reserved for a page of the site; choose another")
                return None
            return value
        if kind == schema.LINE:
            return self.line_text(value, mark, subject, name, field.maximum)
        if kind == schema.MARKDOWN:
            return self.prose_text(value, mark, subject, name, name)
        if kind == schema.INTEGER:
            low, high = field.minimum, field.maximum
            if isinstance(value, bool) or not isinstance(value, int) or not (low <= value <= high):  # type: ignore[operator]
                self.problem(
                    mark, subject, f"{name}: expected a whole number from {low} to {high}, got {describe(value)}"
                )
                return None
            return value
        if kind == schema.BOOLEAN:
            if not isinstance(value, bool):
                self.problem(mark, subject, f"{name}: expected true or false, got {describe(value)}")
                return None
            return value
        if kind == schema.YEAR:
            if (
                isinstance(value, bool)
                or not isinstance(value, int)
                or not (schema.FIRST_YEAR <= value <= self.this_year)
            ):
                self.problem(
                    mark,
                    subject,
                    f"{name}: expected a year from {schema.FIRST_YEAR} to {self.this_year}, got {describe(value)}",
                )
                return None
            return value
        if kind == schema.DATE:
            if isinstance(value, str):
                with suppress(ValueError):  # a quoted date; anything else is reported below
                    value = datetime.date.fromisoformat(value.strip())
            if (
                not isinstance(value, datetime.date)
                or isinstance(value, datetime.datetime)
                or not (schema.FIRST_REVIEW_YEAR <= value.year <= self.this_year)
            ):
                self.problem(
                    mark,
                    subject,
                    f"{name}: expected a date (YYYY-MM-DD) from {schema.FIRST_REVIEW_YEAR} to {self.this_year},"
                    f" got {describe(value)}",
                )
                return None
            return value
        if kind in _LOCATORS:
            pattern, what = _LOCATORS[kind]
            locator = str(value).strip() if isinstance(value, (str, int)) and not isinstance(value, bool) else None
            if locator is None or not pattern.fullmatch(locator):
                self.problem(mark, subject, f"{name}: expected {what}, got {describe(value)}")
                return None
            return locator
        # The remaining kinds are lists.
        if not isinstance(value, Sequence):
            self.problem(mark, subject, f"{name}: expected a list, got {describe(value)}")
            return None
        items: list[Any] = []
        for index, (item, item_mark) in enumerate(zip(value, value.item_marks, strict=True)):
            label = f"{name}[{index + 1}]"
            if kind in (schema.TERM_REFS, schema.SLUGS):
                if not is_slug(item):
                    self.problem(item_mark, subject, f"{name}: expected a term slug, got {describe(item)}")
                    continue
                items.append((item, item_mark))
            elif kind == schema.LINES:
                line = self.line_text(item, item_mark, subject, label, field.maximum)
                if line is not None:
                    items.append(line)
            elif kind == schema.MARKDOWN_LIST:
                prose = self.prose_text(item, item_mark, subject, label, name)
                if prose is not None:
                    items.append(prose)
            elif kind == schema.RECORDS:
                if not isinstance(item, Mapping):
                    self.problem(item_mark, subject, f"{label}: expected a mapping of fields, got {describe(item)}")
                    continue
                items.append(self.record(item, field.record, subject, label))
        if field.required and not value:
            self.problem(mark, subject, f"{name}: give at least one")
        return items

    # -- one record --------------------------------------------------------------------------------

    def record(self, mapping: Mapping, fields: tuple[Field, ...], subject: str | None, label: str = "") -> Record:
        """Check a mapping against ``fields``; return each field's cleaned value (None when missing
        or bad) and where the record and each value stand."""
        known = {f.name: f for f in fields}
        prefix = f"{label}: " if label else ""
        for key in mapping:
            if key not in known:
                self.problem(mapping.key_marks[key], subject, f"{prefix}unknown field '{key}'{suggest(key, known)}")
        result = Record({}, mapping.mark, mapping.value_marks, mapping, subject)
        for field in fields:
            if field.name not in mapping:
                result.values[field.name] = None
                if field.required:
                    self.problem(mapping.mark, subject, f"{prefix}missing required field '{field.name}'")
                continue
            result.values[field.name] = self.value(field, mapping[field.name], mapping.value_marks[field.name], subject)
        self.fields_in_blocks(mapping, known, subject, prefix)
        return result

    def fields_in_blocks(self, mapping: Mapping, known: dict[str, Field], subject: str | None, prefix: str) -> None:
        """Report a line of a ``|`` or ``>`` block that starts like a field of this record.

        Indented as deep as the text, ``why_it_matters: |`` becomes a line of the text above it, and
        the section silently disappears; YAML itself cannot tell, so the loader looks for field names."""
        absent: list[str] | None = None  # "name:" of each field not given: a field given already is no suspect
        for key, mark in mapping.value_marks.items():
            value = mapping[key]
            if mark.style in _BLOCK_STYLES:
                blocks = [(value, mark, f"{prefix}{key}", f"'{key}'")]
            elif type(value) is Sequence:
                blocks = [
                    (item, item_mark, f"{prefix}{key}[{index}]", f"{key}[{index}]")
                    for index, (item, item_mark) in enumerate(zip(value, value.item_marks, strict=True), start=1)
                    if item_mark.style in _BLOCK_STYLES
                ]
            else:
                continue
            for text, block_mark, label, text_name in blocks:
                if absent is None:
                    absent = [f"{name}:" for name in known if name not in mapping]
                # A quick look at the text first: most blocks name no field, and need no line-by-line scan.
                if isinstance(text, str) and any(name in text for name in absent):
                    column = mapping.key_marks[key].column
                    self.field_in_block(block_mark, mapping, known, subject, label, text_name, key, column)

    def field_in_block(
        self,
        mark: Mark,
        mapping: Mapping,
        known: dict[str, Field],
        subject: str | None,
        label: str,
        text_name: str,
        key: str,
        column: int,
    ) -> None:
        """Check one block (its ``|`` or ``>`` at ``mark``) for lines that look like a field of ``known``."""
        header = self.lines[mark.line - 1][mark.column - 1 :] if mark.line <= len(self.lines) else ""
        if re.match(r"[|>][-+]?[1-9]", header):
            return  # an explicit indentation: rare, and the rule below would guess the block's extent
        indent = None
        fenced = False
        for number in range(mark.line + 1, len(self.lines) + 1):
            line = self.lines[number - 1]
            if not line.strip():
                continue
            depth = len(line) - len(line.lstrip(" "))
            if indent is None:
                indent = depth
            elif depth < indent:
                return  # the block has ended
            if line.lstrip().startswith(("```", "~~~")):
                fenced = not fenced
            if fenced or depth != indent:
                continue  # code may show YAML, and a deeper line is indented Markdown
            found = _FIELD_LINE.match(line, indent)
            if not found or found.group(1) not in known or found.group(1) in mapping:
                continue
            name = found.group(1)
            if _looks_like_value(known[name], found.group(2), islice(self.lines, number, None)):
                self.problem(
                    Mark(number, indent + 1),
                    subject,
                    f"{label}: '{name}:' is indented into the text of {text_name}, so it is read as text, not as a"
                    f" field; to make it a field, start it in column {column}, like '{key}:'",
                )

    def locate(self, prose: _Prose, offset: int) -> Mark:
        """Find where the text at ``offset`` of a prose value sits in the file (robust to YAML styles)."""
        text = prose.text
        end = text.find("]]", offset)
        needle = text[offset:end] if end > offset else text[offset : offset + 3]
        needle = needle.split("\n", 1)[0]  # a needle is looked for line by line
        seen_before = text[:offset].count(needle)
        count = 0
        for number in range(prose.mark.line - 1, len(self.lines)):
            start = 0
            line = self.lines[number]
            while (column := line.find(needle, start)) >= 0:
                if count == seen_before:
                    return Mark(number + 1, column + 1)
                count += 1
                start = column + 1
        return prose.mark


def _subject(kind: str, name: Any, index: int) -> str:
    return f"{kind} '{name}'" if isinstance(name, str) and is_slug(name) else f"{kind} #{index + 1}"


def _subjects(raw: Any, kind: str, id_key: str) -> list[str]:
    if not isinstance(raw, Sequence):
        return []
    return [_subject(kind, item.get(id_key) if isinstance(item, Mapping) else None, i) for i, item in enumerate(raw)]


def _check_records(checker: _Checker, raw: Any, field: Field, kind: str, id_key: str, mark: Mark) -> list[Record]:
    """Check a top-level list of records, naming each by its id so messages say which one is wrong."""
    if raw is None:
        return []
    if not isinstance(raw, Sequence):
        checker.problem(mark, None, f"{field.name}: expected a list, got {describe(raw)}")
        return []
    subjects = _subjects(raw, kind, id_key)
    records = []
    for item, item_mark, subject in zip(raw, raw.item_marks, subjects, strict=True):
        if not isinstance(item, Mapping):
            checker.problem(item_mark, subject, f"expected a mapping of fields, got {describe(item)}")
            continue
        records.append(checker.record(item, field.record, subject))
    return records


def _check_unique(checker: _Checker, records: list[Record], key: str, what: str) -> None:
    first: dict[str, Mark] = {}
    for record in records:
        value = record.get(key)
        if value is None:
            continue
        mark = record.marks[key]
        if value in first:
            checker.problem(
                mark,
                record.subject,
                f"duplicate {what} '{value}' (first defined at line {first[value].line})",
                primary=True,  # a second entry with this id: what else is wrong with it follows from that
            )
        else:
            first[value] = mark


def fold(name: str) -> str:
    """The form in which two names count as the same: Unicode NFKC, then case folding."""
    return unicodedata.normalize("NFKC", name).casefold()


def _check_names(checker: _Checker, terms: list[Record]) -> None:
    """Titles and aliases must name one term only, ignoring case and Unicode look-alike forms.

    Two records with one slug (a copied entry) are reported once, as a duplicate slug; the names they
    share are not reported again as clashes between them, so that message stands alone."""
    owner: dict[str, tuple[str, str, int]] = {}  # folded name → (slug, "title"/"alias", index of its record)
    for index, term in enumerate(terms):
        if term["title"] and term["slug"]:
            folded = fold(term["title"])
            if folded in owner and owner[folded][0] != term["slug"]:
                checker.problem(
                    term.marks["title"],
                    term.subject,
                    f"title '{term['title']}' is already the {owner[folded][1]} of term '{owner[folded][0]}'",
                )
            else:
                owner.setdefault(folded, (term["slug"], "title", index))
    for index, term in enumerate(terms):
        if not term["slug"]:
            continue
        raw = term.raw.get("aliases")
        located = (
            [(a.strip(), m) for a, m in zip(raw, raw.item_marks, strict=True) if isinstance(a, str)]
            if isinstance(raw, Sequence)
            else []
        )
        for alias, aliases_mark in located:
            if not alias:
                continue
            folded = fold(alias)
            holder = owner.get(folded)
            if holder is None:
                owner[folded] = (term["slug"], "alias", index)
            elif holder[0] == term["slug"] and holder[2] != index:
                continue  # the other record with this slug: the duplicate slug is the message
            elif holder[0] == term["slug"]:
                repeat = "repeats the title" if holder[1] == "title" else "is given twice"
                checker.problem(aliases_mark, term.subject, f"aliases: '{alias}' {repeat}")
            else:
                checker.problem(
                    aliases_mark,
                    term.subject,
                    f"aliases: '{alias}' is already the {holder[1]} of term '{holder[0]}'",
                )


def _unknown_term(checker: _Checker, slug: str, slugs: set[str], former: dict[str, str]) -> str:
    """Why ``slug`` names no term: it is a renamed term's old slug, or unknown (with a suggestion)."""
    if slug in former:
        return f"'{slug}' is the former slug of term '{former[slug]}'; use the new slug"
    return f"unknown term '{slug}'{checker.suggest_term(slug, slugs)}"


def _check_refs(
    checker: _Checker,
    subject: str | None,
    field: str,
    refs: list[tuple[str, Mark]] | None,
    slugs: set[str],
    own: str | None,
    former: dict[str, str],
) -> None:
    seen: dict[str, int] = {}
    for position, (slug, mark) in enumerate(refs or [], start=1):
        if slug not in slugs:
            checker.problem(mark, subject, f"{field}: {_unknown_term(checker, slug, slugs, former)}")
        elif slug == own:
            checker.problem(
                mark,
                subject,
                f"{field}: a term cannot be {'related to' if field == 'related' else 'contrasted with'} itself",
            )
        elif slug in seen:
            what = f"is step {seen[slug]} and again step {position}" if field == "steps" else "is listed twice"
            checker.problem(mark, subject, f"{field}: '{slug}' {what}")
        seen.setdefault(slug, position)


def _former_slugs(checker: _Checker, terms: list[Record], slugs: set[str]) -> dict[str, str]:
    """Check every term's ``formerly`` list; return each former slug with the slug of the term it became."""
    former: dict[str, str] = {}
    claimed: dict[str, int] = {}  # former slug → index of the record that claimed it
    for index, term in enumerate(terms):
        for slug, mark in term["formerly"] or ():
            if slug in slugs:
                checker.problem(mark, term.subject, f"formerly: '{slug}' is the slug of a current term")
            elif slug in schema.RESERVED_SLUGS:
                checker.problem(mark, term.subject, f"formerly: '{slug}' is reserved for a page of the site")
            elif slug in claimed:
                if former[slug] == term["slug"] and claimed[slug] != index:
                    continue  # a copy of the same entry: reported once, as a duplicate slug
                checker.problem(
                    mark, term.subject, f"formerly: '{slug}' is already a former slug of term '{former[slug]}'"
                )
            elif term["slug"]:
                former[slug] = term["slug"]
                claimed[slug] = index
    return former


def _check_cross_references(
    checker: _Checker,
    top: Record,
    clusters: list[Record],
    paths: list[Record],
    terms: list[Record],
) -> None:
    slugs = {t["slug"] for t in terms if t["slug"]}
    cluster_ids = {c["id"] for c in clusters if c["id"]}
    former = _former_slugs(checker, terms, slugs)
    if top.get("hub") and top["hub"] not in slugs:
        checker.problem(top.marks["hub"], None, f"hub: {_unknown_term(checker, top['hub'], slugs, former)}")
    for term in terms:
        _check_term_refs(checker, term, slugs, cluster_ids, former)
    for path in paths:
        _check_refs(checker, path.subject, "steps", path["steps"], slugs, None, former)
        if path["steps"] is not None and len(path["steps"]) < 2:
            checker.problem(path.marks["steps"], path.subject, "steps: a learning path needs at least 2 steps")
    _check_prose_links(checker, slugs, former)


def _check_term_refs(
    checker: _Checker, term: Record, slugs: set[str], cluster_ids: set[str], former: dict[str, str]
) -> None:
    """A term's cluster, related terms and contrasts name what exists."""
    subject = term.subject
    if term["cluster"] and term["cluster"] not in cluster_ids:
        checker.problem(
            term.marks["cluster"],
            subject,
            f"cluster: unknown cluster '{term['cluster']}'{suggest(term['cluster'], cluster_ids)}",
        )
    _check_refs(checker, subject, "related", term["related"], slugs, term["slug"], former)
    contrasts = [(c["term"], c.marks["term"]) for c in term["contrast"] or [] if c["term"]]
    _check_refs(checker, subject, "contrast", contrasts, slugs, term["slug"], former)


def _check_prose_links(checker: _Checker, slugs: set[str], former: dict[str, str]) -> None:
    """Every link in the prose the checker has read is closed and names a term."""
    for prose in checker.prose:
        unclosed = list(unclosed_links(prose.text))
        if unclosed:  # the first is enough to find them; thousands would only bury the other problems
            more = f"; {len(unclosed) - 1} more in this text" if len(unclosed) > 1 else ""
            checker.problem(
                checker.locate(prose, unclosed[0]),
                prose.subject or None,
                f"{prose.field}: '[[' starts a link that is not closed: write [[slug]] or [[slug|text]]"
                f" (put `[[` in backticks to show it as text){more}",
            )
        for link in find_links(prose.text):
            if link.slug not in slugs:
                if link.slug in former:
                    what = f"'{link.slug}', the former slug of term '{former[link.slug]}'; use the new slug"
                else:
                    what = f"unknown term '{link.slug}'{checker.suggest_term(link.slug, slugs)}"
                checker.problem(
                    checker.locate(prose, link.offset), prose.subject or None, f"{prose.field}: link to {what}"
                )


def _citation(record: Record) -> Citation | None:
    if record["title"] is None or record["authors"] is None:
        return None
    return Citation(
        authors=tuple(record["authors"]),
        title=record["title"],
        year=record["year"],
        venue=record["venue"],
        publisher=record["publisher"],
        chapter=record["chapter"],
        doi=record["doi"],
        arxiv=record["arxiv"],
        isbn=record["isbn"],
        url=record["url"],
    )


def _term(record: Record) -> Term:
    citations = [_citation(c) for c in record["further_reading"] or []]
    return Term(
        slug=record["slug"],
        title=record["title"],
        short=record["short"],
        explanation=record["explanation"],
        generality=record["generality"],
        cluster=record["cluster"],
        line=record.mark.line,
        lines=record.lines(),
        formerly=tuple(slug for slug, _ in record["formerly"] or ()),
        link_text=record["link_text"],
        autolink=record["autolink"] is not False,
        aliases=tuple(record["aliases"] or ()),
        year=record["year"],
        reviewed=record["reviewed"],
        added=record["added"],
        related=tuple(slug for slug, _ in record["related"] or ()),
        contrast=tuple(Contrast(c["term"], c["difference"]) for c in record["contrast"] or ()),
        why_it_matters=record["why_it_matters"],
        how_it_works=record["how_it_works"],
        examples=tuple(record["examples"] or ()),
        strengths=tuple(record["strengths"] or ()),
        challenges=tuple(record["challenges"] or ()),
        questions=tuple(Question(q["question"], q["answer"]) for q in record["questions"] or ()),
        further_reading=tuple(c for c in citations if c is not None),
    )


def parse_glossary(text: str, path: str = "glossary.yaml", *, this_year: int | None = None) -> Glossary:
    """Validate the text of a glossary file and return the model, or raise ``GlossaryError``."""
    with _no_garbage_collection():
        return _parse_glossary(text, path, this_year or datetime.date.today().year).glossary


@dataclass
class Parsed:
    """A good read of a glossary file, with its checked records: what ``reread.Reader`` needs to read
    the file again checking only the terms whose lines changed."""

    glossary: Glossary
    path: str
    this_year: int
    top: Record
    clusters: list[Record]
    paths: list[Record]
    terms: list[Record]
    """Each term's record, in file order. Where the lines of other terms moved since, its marks are
    those of the read that made it (they only place messages, and a read with problems is made whole)."""
    prefix: str
    """The text before the first term."""
    chunks: list[str]
    """Each term's lines (``chunks.split``), or empty when the file's layout is not the plain one."""
    suffix: str
    """The text after the last term."""


@contextmanager
def _no_garbage_collection() -> Iterator[None]:
    """Reading makes hundreds of thousands of small objects and frees none of them; the cyclic
    collector would rescan the growing heap again and again (8.6 s instead of 3.8 s at 10,000 terms)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _parse_glossary(text: str, path: str, this_year: int) -> Parsed:
    document = read_yaml(path, text)
    problems = list(document.problems)
    root = document.root
    if document.root is None and problems:
        raise GlossaryError(problems)
    if not isinstance(root, Mapping):
        raise GlossaryError(
            [
                *problems,
                Problem(path, 1, 1, None, "the file must be a mapping with the keys hub, clusters, paths and terms"),
            ]
        )
    checker = _Checker(path, document.lines, this_year)
    checker.problems.extend(problems)
    top_scalars = tuple(f for f in schema.TOP_FIELDS if f.kind != schema.RECORDS)
    # Top-level keys: report unknown ones, check the scalars, then each list of records by its id.
    known = {f.name for f in schema.TOP_FIELDS}
    for key in root:
        if key not in known:
            checker.problem(root.key_marks[key], None, f"unknown top-level key '{key}'{suggest(key, known)}")
    top = Record({}, root.mark, root.value_marks, root, None)
    for field in top_scalars:
        if field.name not in root:
            checker.problem(root.mark, None, f"missing required top-level key '{field.name}'")
            top.values[field.name] = None
        else:
            top.values[field.name] = checker.value(field, root[field.name], root.value_marks[field.name], None)
    lists: dict[str, list[Record]] = {}
    for field, kind, id_key in (
        (schema.TOP_FIELDS[1], "cluster", "id"),
        (schema.TOP_FIELDS[2], "path", "id"),
        (schema.TOP_FIELDS[3], "term", "slug"),
    ):
        if field.name not in root and field.required:
            checker.problem(root.mark, None, f"missing required top-level key '{field.name}'")
        lists[field.name] = _check_records(
            checker, root.get(field.name), field, kind, id_key, root.value_marks.get(field.name, root.mark)
        )
    clusters, paths, terms = lists["clusters"], lists["paths"], lists["terms"]
    _check_unique(checker, clusters, "id", "cluster id")
    _check_unique(checker, paths, "id", "path id")
    _check_unique(checker, terms, "slug", "slug")
    _check_names(checker, terms)
    _check_cross_references(checker, top, clusters, paths, terms)
    if checker.problems:
        raise GlossaryError(checker.problems)
    prefix, chunks, suffix = split_terms(text, [t["slug"] for t in terms]) or ("", [], "")
    glossary = Glossary(
        hub=top["hub"],
        clusters=tuple(
            Cluster(c["id"], c["title"], c["description"], c.mark.line, c["review_months"]) for c in clusters
        ),
        paths=tuple(
            LearningPath(p["id"], p["title"], p["description"], tuple(s for s, _ in p["steps"]), p.mark.line)
            for p in paths
        ),
        terms=tuple(_term(t) for t in terms),
        sources=tuple(chunk_digest(c) for c in chunks),
    )
    return Parsed(glossary, path, this_year, top, clusters, paths, terms, prefix, chunks, suffix)


def load_glossary(
    path: str | Path,
    *,
    display_path: str | None = None,
    this_year: int | None = None,
    cache_dir: str | Path | None = None,
    write_cache: bool = True,
    reader: Reader | None = None,
) -> Glossary:
    """Read and validate a glossary file; messages name it as ``display_path`` (default: as given).

    With ``cache_dir``, a file that was loaded before, unchanged, comes from the cache (``cache.py``);
    a file read afresh is added to it unless ``write_cache`` is false. With a ``reader`` (live preview)
    the file is always read, not taken from the cache, and after the first read only the terms that
    changed since are (``reread.py``).
    """
    shown = display_path or str(path)
    try:
        raw = read_file(path)
    except UnreadableFile as error:
        raise GlossaryError([Problem(shown, 1, 1, None, str(error))]) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise GlossaryError([Problem(shown, line, column, None, "the file is not valid UTF-8 text")]) from None
    year = this_year or datetime.date.today().year
    if reader is not None:
        # A serving process reads the file itself even when the cache holds it: the reader needs its
        # records, so that every edit after this one is read by checking only the terms it changed.
        glossary = reader.parse(text, shown, year)
        if cache_dir is not None and write_cache and reader.rechecked is None:
            folder, name = Path(cache_dir), cache.key(raw, shown, year)
            if not cache.has(folder, name):
                cache.write(folder, name, glossary)
        return glossary
    if cache_dir is None:
        return parse_glossary(text, shown, this_year=year)
    folder, name = Path(cache_dir), cache.key(raw, shown, year)
    with _no_garbage_collection():
        cached = cache.read(folder, name)
    if cached is not None:
        return cached
    glossary = parse_glossary(text, shown, this_year=year)
    if write_cache:
        cache.write(folder, name, glossary)
    return glossary
