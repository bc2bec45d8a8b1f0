"""The JSON Schema for editors: committed up to date, valid, and in agreement with the loader."""

from __future__ import annotations

import json

import pytest
import yaml
from jsonschema import Draft202012Validator

from conftest import ROOT, SMALL
from glossary_engine import GlossaryError, parse_glossary
from glossary_engine.export.jsonschema import SCHEMA_FILE, glossary_json_schema, render_schema
from glossary_engine.load import schema

REGENERATE = 'python -c "from glossary_engine.export.jsonschema import write_schema; write_schema()"'


def validator() -> Draft202012Validator:
    return Draft202012Validator(glossary_json_schema())


class _Yaml12Loader(yaml.SafeLoader):
    """Reads YAML as the editor's language server does (YAML 1.2): an unquoted date stays text."""


_Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def schema_accepts(text: str) -> bool:
    return validator().is_valid(yaml.load(text, Loader=_Yaml12Loader))


def edit(old: str, new: str) -> str:
    assert SMALL.count(old) == 1, old
    return SMALL.replace(old, new)


def test_committed_schema_file_is_up_to_date() -> None:
    committed = (ROOT / SCHEMA_FILE).read_text(encoding="utf-8")
    assert committed == render_schema(), f"{SCHEMA_FILE} is stale; regenerate it from the repo root: {REGENERATE}"


def test_schema_is_a_valid_draft_2020_12_schema() -> None:
    Draft202012Validator.check_schema(glossary_json_schema())


def test_rendered_schema_has_id_title_and_a_trailing_newline() -> None:
    text = render_schema()
    assert text.endswith("}\n")
    loaded = json.loads(text)
    assert loaded["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert loaded["$id"].endswith("/glossary.schema.json")
    assert loaded["title"]


def test_every_term_field_carries_its_help_as_the_hover_text() -> None:
    term = glossary_json_schema()["properties"]["terms"]["items"]
    assert {name: spec["description"] for name, spec in term["properties"].items()} == {
        f.name: f.help for f in schema.TERM_FIELDS
    }
    assert term["required"] == [f.name for f in schema.TERM_FIELDS if f.required]
    assert term["additionalProperties"] is False


# Each sample is judged by the schema and by the loader, which must agree; the loader's messages show
# that an invalid sample fails for the intended reason only. Only mistakes in the shape of one value
# are in the schema's reach: cross-references (an unknown slug in related or in a [[link]], a duplicate
# slug, a title clashing with another term's alias, a year after this one) need the whole file, so the
# samples avoid them. That is also why the bad slug goes on a new term that nothing links to.
UNLINKED_TERM = """\
  - slug: Bad_Slug
    title: Unlinked
    short: A term nothing links to.
    generality: 1
    cluster: foundations
    explanation: Stands alone.
"""
SAMPLES = {
    "valid small glossary": (SMALL, []),
    "unknown field 'releated'": (
        edit("    related: [parameter]\n", "    releated: [parameter]\n"),
        ["glossary.yaml:109:5: term 'hyperparameter': unknown field 'releated' (did you mean 'related'?)"],
    ),
    "generality 1200": (
        edit("generality: 940", "generality: 1200"),
        [
            "glossary.yaml:42:17: term 'neural-network': generality: expected a whole number from 0 to 1000, got the number 1200"
        ],
    ),
    "missing short": (
        edit("    short: A setting chosen before training that controls how a model learns.\n", ""),
        ["glossary.yaml:103:5: term 'hyperparameter': missing required field 'short'"],
    ),
    "aliases as a string": (
        edit("aliases: [AI]", "aliases: AI"),
        ["glossary.yaml:22:14: term 'artificial-intelligence': aliases: expected a list, got text 'AI'"],
    ),
    "bad slug Bad_Slug": (
        SMALL + UNLINKED_TERM,
        [
            "glossary.yaml:113:11: term #7: slug: expected a slug (lowercase letters, digits and single hyphens, at most 80 characters), got text 'Bad_Slug'"
        ],
    ),
    "reserved slug 'search'": (
        SMALL + UNLINKED_TERM.replace("Bad_Slug", "search"),
        ["glossary.yaml:113:11: term 'search': slug: 'search' is reserved for a page of the site; choose another"],
    ),
    "year as text": (
        edit("year: 1943", "year: nineteen forty-three"),
        [
            "glossary.yaml:41:11: term 'neural-network': year: expected a year from 1600 to 2026, got text 'nineteen forty-three'"
        ],
    ),
    "title over two lines": (
        edit("title: Hyperparameter", 'title: "Hyper\\nparameter"'),
        ["glossary.yaml:104:12: term 'hyperparameter': title: must be a single line"],
    ),
    "ISBN as a number": (edit('isbn: "9780262035613"', "isbn: 9780262035613"), []),
    "generality at its maximum": (edit("generality: 940", "generality: 1000"), []),
}


def loader_problems(text: str) -> list[str]:
    try:
        parse_glossary(text, this_year=2026)
    except GlossaryError as error:
        return [str(p) for p in error.problems]
    return []


@pytest.mark.parametrize("name", SAMPLES)
def test_schema_and_loader_agree(name: str) -> None:
    text, problems = SAMPLES[name]
    assert loader_problems(text) == problems
    assert schema_accepts(text) == (problems == [])


@pytest.mark.content
def test_real_glossary_validates_against_the_schema() -> None:
    document = yaml.load((ROOT / "glossary.yaml").read_text(encoding="utf-8"), Loader=_Yaml12Loader)
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator().iter_errors(document)]
    assert errors == []
