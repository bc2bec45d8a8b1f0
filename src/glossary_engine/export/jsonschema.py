"""A JSON Schema for glossary.yaml, generated from the field specs in ``schema.py``.

Editors point their YAML language server at the committed ``glossary.schema.json`` and get completion,
hover docs (each field's help) and squiggles for wrong shapes while they type. The schema covers what
one value can be on its own; cross-references (unknown slugs, duplicates, clashing names, the year
being no later than this one) stay with the loader, which remains the authority.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..load import loader, schema
from ..load.schema import Field

SCHEMA_FILE = "glossary.schema.json"
SCHEMA_ID = "https://glossary.example.org/glossary.schema.json"
DRAFT = "https://json-schema.org/draft/2020-12/schema"

# One line of text: after trimming, at least one visible character and no line break (as the loader checks).
_LINE_PATTERN = r"^\s*\S[^\n]*\s*$"
_SOME_TEXT = r"\S"


def _locator(kind: str) -> dict[str, Any]:
    # The loader owns the identifier patterns; reuse them so the two cannot drift apart.
    # The loader full-matches them; a JSON Schema pattern matches anywhere unless anchored.
    pattern = f"^(?:{loader._LOCATORS[kind][0].pattern})$"
    text = {"type": "string", "pattern": pattern}
    if kind != schema.ISBN:
        return text
    # An unquoted ISBN is read as a whole number, which the loader accepts when it has 10 or 13 digits.
    return {
        "anyOf": [
            text,
            {"type": "integer", "minimum": 10**9, "maximum": 10**10 - 1},
            {"type": "integer", "minimum": 10**12, "maximum": 10**13 - 1},
        ]
    }


def _value(field: Field) -> dict[str, Any]:
    """The schema of one field's value, without its description."""
    kind = field.kind
    slug = {"type": "string", "pattern": schema.SLUG_PATTERN, "maxLength": schema.SLUG_MAX}
    # The loader's limit applies to the trimmed text; the schema allows the surrounding white space.
    line = {"type": "string", "pattern": _LINE_PATTERN, "maxLength": (field.maximum or schema.LINE_MAX) + 20}
    markdown = {"type": "string", "pattern": _SOME_TEXT}
    if kind == schema.SLUG and field.name in ("slug", "id"):
        # A term's slug and a cluster's or path's id name pages, so the loader keeps the site's own names free.
        return {**slug, "not": {"enum": sorted(schema.RESERVED_SLUGS)}}
    if kind == schema.SLUG:
        return slug
    if kind == schema.LINE:
        return line
    if kind == schema.MARKDOWN:
        return markdown
    if kind == schema.INTEGER:
        bounds = {"minimum": field.minimum, "maximum": field.maximum}
        return {"type": "integer", **{k: v for k, v in bounds.items() if v is not None}}
    if kind == schema.BOOLEAN:
        return {"type": "boolean"}
    if kind == schema.YEAR:
        # The upper bound is this year, which a committed file cannot know; the loader checks it.
        return {"type": "integer", "minimum": schema.FIRST_YEAR}
    if kind == schema.DATE:
        # YAML 1.2 tools (the language server) read an unquoted date as text; PyYAML reads a date.
        return {"type": "string", "pattern": r"^\s*\d{4}-\d{2}-\d{2}\s*$"}
    if kind in (schema.DOI, schema.ARXIV, schema.ISBN, schema.URL):
        return _locator(kind)
    if kind == schema.TERM_REFS:
        return {"type": "array", "items": slug}
    if kind == schema.SLUGS:
        return {"type": "array", "items": {**slug, "not": {"enum": sorted(schema.RESERVED_SLUGS)}}}
    if kind == schema.LINES:
        return {"type": "array", "items": line}
    if kind == schema.MARKDOWN_LIST:
        return {"type": "array", "items": markdown}
    if kind == schema.RECORDS:
        return {"type": "array", "items": _record(field.record)}
    raise ValueError(f"field '{field.name}': no JSON Schema for kind '{kind}'")


def _record(fields: tuple[Field, ...]) -> dict[str, Any]:
    """An object with exactly ``fields``; each property carries its help as the hover text."""
    return {
        "type": "object",
        "properties": {f.name: {"description": f.help, **_value(f)} for f in fields},
        "required": [f.name for f in fields if f.required],
        "additionalProperties": False,
    }


def glossary_json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a whole glossary.yaml, derived from ``schema.TOP_FIELDS``."""
    return {
        "$schema": DRAFT,
        "$id": SCHEMA_ID,
        "title": "Glossary (glossary.yaml)",
        "description": "Every term, cluster and learning path of a glossary site.",
        "$comment": "Generated from glossary_engine/load/schema.py by glossary_engine.export.jsonschema; do not edit.",
        **_record(schema.TOP_FIELDS),
    }


def render_schema() -> str:
    """The schema as the text of ``glossary.schema.json``: two-space indents, field order kept."""
    return json.dumps(glossary_json_schema(), indent=2, sort_keys=False, ensure_ascii=False) + "\n"


def write_schema(path: str | Path = SCHEMA_FILE) -> bool:
    """Write the schema to ``path`` if its text differs; return whether the file changed."""
    target = Path(path)
    text = render_schema()
    if target.is_file() and target.read_text(encoding="utf-8") == text:
        return False
    target.write_text(text, encoding="utf-8")
    return True
