"""The loader and validator: one test per rule, each asserting the exact message."""

from __future__ import annotations

import textwrap

import pytest

from conftest import SMALL
from glossary_engine import GlossaryError, load_glossary, parse_glossary
from glossary_engine.model.links import find_links

BASE = """\
hub: ai
clusters:
  - id: basics
    title: Basics
    description: The basics.
paths:
  - id: start
    title: Start
    description: Begin here.
    steps: [ai, parameter]
terms:
  - slug: ai
    title: Artificial Intelligence
    aliases: [AI]
    short: Machines that do intelligent tasks.
    generality: 1000
    cluster: basics
    explanation: Builds on [[parameter|parameters]].
    related: [parameter]
  - slug: parameter
    title: Parameter
    aliases: [Weights]
    short: A learned number.
    year: 1950
    generality: 928
    cluster: basics
    explanation: Set by training.
"""


def problems(text: str) -> list[str]:
    """Every message the loader gives for ``text`` (the test fails if it loads cleanly)."""
    with pytest.raises(GlossaryError) as caught:
        parse_glossary(text, "glossary.yaml", this_year=2026)
    return [str(p) for p in caught.value.problems]


def edit(old: str, new: str, text: str = BASE) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def test_a_read_suggests_near_slugs_for_its_first_unknown_slugs_only() -> None:
    """A file cut short while it is being saved names thousands of unknown terms; suggesting a near
    slug for each compares it with every slug, minutes at 10,000 terms. The first ones still get one."""
    from glossary_engine.load.loader import SUGGESTED_TERMS

    unknown = [f"parametr{i}" for i in range(SUGGESTED_TERMS + 10)]
    found = problems(edit("steps: [ai, parameter]", f"steps: [ai, parameter, {', '.join(unknown)}]"))
    suggested = [p for p in found if "(did you mean 'parameter'?)" in p]
    assert len(found) == len(unknown)
    assert len(suggested) == SUGGESTED_TERMS
    assert found[:SUGGESTED_TERMS] == suggested  # in file order: the first ones


def test_base_glossary_loads() -> None:
    glossary = parse_glossary(BASE, this_year=2026)
    assert [t.slug for t in glossary.terms] == ["ai", "parameter"]
    assert glossary.terms[1].aliases == ("Weights",)
    assert glossary.terms[1].line == 20
    assert glossary.paths[0].steps == ("ai", "parameter")


def test_unknown_related_term_suggests_the_close_one() -> None:
    assert problems(edit("related: [parameter]", "related: [paramter]")) == [
        "glossary.yaml:19:15: term 'ai': related: unknown term 'paramter' (did you mean 'parameter'?)"
    ]


def test_unknown_contrast_term() -> None:
    text = edit(
        "    explanation: Set by training.\n",
        "    explanation: Set by training.\n    contrast:\n      - term: hyperparameter\n        difference: Chosen, not learned.\n",
    )
    assert problems(text) == [
        "glossary.yaml:29:15: term 'parameter': contrast: unknown term 'hyperparameter' (did you mean 'parameter'?)"
    ]


def test_unknown_path_step() -> None:
    assert problems(edit("steps: [ai, parameter]", "steps: [ai, parametre]")) == [
        "glossary.yaml:10:17: path 'start': steps: unknown term 'parametre' (did you mean 'parameter'?)"
    ]


def test_unknown_cluster() -> None:
    assert problems(edit("    cluster: basics\n    explanation: Set", "    cluster: basic\n    explanation: Set")) == [
        "glossary.yaml:26:14: term 'parameter': cluster: unknown cluster 'basic' (did you mean 'basics'?)"
    ]


def test_unknown_hub() -> None:
    assert problems(edit("hub: ai", "hub: aii")) == ["glossary.yaml:1:6: hub: unknown term 'aii' (did you mean 'ai'?)"]


def test_unknown_prose_link_points_at_the_link() -> None:
    assert problems(edit("Set by training.", "Set by [[training]].")) == [
        "glossary.yaml:27:25: term 'parameter': explanation: link to unknown term 'training'"
    ]


def test_unknown_prose_link_in_a_block_scalar_points_at_its_line() -> None:
    text = edit(
        "    explanation: Set by training.\n",
        "    explanation: |\n      Set by training,\n      see [[ai]] and [[gradient]].\n",
    )
    assert problems(text) == ["glossary.yaml:29:22: term 'parameter': explanation: link to unknown term 'gradient'"]


def test_prose_links_inside_code_are_not_checked() -> None:
    parse_glossary(edit("Set by training.", "Set by `[[training]]`."), this_year=2026)


def test_duplicate_slug() -> None:
    text = (
        BASE
        + "  - slug: ai\n    title: AI again\n    short: Again.\n    generality: 1\n    cluster: basics\n    explanation: Again.\n"
    )
    assert problems(text) == ["glossary.yaml:28:11: term 'ai': duplicate slug 'ai' (first defined at line 12)"]


def test_duplicate_yaml_key() -> None:
    assert problems(edit("    generality: 928\n", "    generality: 928\n    generality: 500\n")) == [
        "glossary.yaml:26:5: duplicate key 'generality' (first given at line 25)"
    ]


def test_term_related_to_itself() -> None:
    assert problems(edit("related: [parameter]", "related: [ai, parameter]")) == [
        "glossary.yaml:19:15: term 'ai': related: a term cannot be related to itself"
    ]


def test_alias_colliding_with_another_title_ignores_case() -> None:
    assert problems(edit("aliases: [Weights]", "aliases: [weights, artificial intelligence]")) == [
        "glossary.yaml:22:24: term 'parameter': aliases: 'artificial intelligence' is already the title of term 'ai'"
    ]


def test_alias_colliding_with_another_alias() -> None:
    assert problems(edit("aliases: [Weights]", "aliases: [ai]")) == [
        "glossary.yaml:22:15: term 'parameter': aliases: 'ai' is already the alias of term 'ai'"
    ]


def test_missing_required_field() -> None:
    assert problems(edit("    short: A learned number.\n", "")) == [
        "glossary.yaml:20:5: term 'parameter': missing required field 'short'"
    ]


def test_wrong_type() -> None:
    assert problems(edit("aliases: [Weights]", "aliases: Weights")) == [
        "glossary.yaml:22:14: term 'parameter': aliases: expected a list, got text 'Weights'"
    ]


def test_unknown_field_suggests_the_right_one() -> None:
    assert problems(edit("    related: [parameter]", "    releated: [parameter]")) == [
        "glossary.yaml:19:5: term 'ai': unknown field 'releated' (did you mean 'related'?)"
    ]


@pytest.mark.parametrize("value", ["1001", "-1", "high"])
def test_generality_outside_0_to_1000(value: str) -> None:
    shown = f"text '{value}'" if value == "high" else f"the number {value}"
    assert problems(edit("generality: 928", f"generality: {value}")) == [
        f"glossary.yaml:25:17: term 'parameter': generality: expected a whole number from 0 to 1000, got {shown}"
    ]


@pytest.mark.parametrize("value", ["1066", "2950"])
def test_implausible_year(value: str) -> None:
    assert problems(edit("year: 1950", f"year: {value}")) == [
        f"glossary.yaml:24:11: term 'parameter': year: expected a year from 1600 to 2026, got the number {value}"
    ]


def test_path_repeating_a_step() -> None:
    assert problems(edit("steps: [ai, parameter]", "steps: [ai, parameter, ai]")) == [
        "glossary.yaml:10:28: path 'start': steps: 'ai' is step 1 and again step 3"
    ]


def test_duplicate_cluster_id() -> None:
    text = edit("paths:", "  - id: basics\n    title: Again\n    description: Again.\npaths:")
    assert problems(text) == [
        "glossary.yaml:6:9: cluster 'basics': duplicate cluster id 'basics' (first defined at line 3)"
    ]


def test_bad_slug() -> None:
    text = (
        BASE
        + "  - slug: Parameter_1\n    title: P1\n    short: P.\n    generality: 1\n    cluster: basics\n    explanation: P.\n"
    )
    assert problems(text) == [
        "glossary.yaml:28:11: term #3: slug: expected a slug (lowercase letters, digits and single hyphens,"
        " at most 80 characters), got text 'Parameter_1'"
    ]


def test_every_problem_is_reported_at_once() -> None:
    text = edit("related: [parameter]", "related: [nope]", edit("generality: 928", "generality: 5000"))
    assert len(problems(text)) == 2


def test_invalid_yaml_names_the_line() -> None:
    assert problems("hub: ai\nclusters: [\n") == [
        "glossary.yaml:3:1: invalid YAML: did not find expected node content while parsing a flow node"
    ]


def test_tab_indentation_is_explained() -> None:
    (message,) = problems("hub: ai\nterms:\n\t- slug: x\n")
    assert message.startswith("glossary.yaml:3:1: invalid YAML: ")
    assert message.endswith("(tabs are not allowed for indentation; use spaces)")


def test_empty_file() -> None:
    assert problems("") == ["glossary.yaml:1:1: the file is empty"]
    assert problems("# only a comment\n") == ["glossary.yaml:1:1: the file is empty"]


def test_second_document_is_refused_where_it_starts() -> None:
    assert problems(BASE + "---\nhub: other\n") == [
        f"glossary.yaml:{BASE.count(chr(10)) + 1}:1: invalid YAML: a second document starts here; the file must hold one document"
    ]


def test_explicit_tag_that_cannot_be_read_is_a_problem_not_a_crash() -> None:
    text = edit("generality: 928", "generality: !!int lots")
    assert "cannot read this value: invalid literal for int() with base 10: 'lots'" in " ".join(problems(text))


def test_merge_key_is_refused_as_a_field_name() -> None:
    assert problems("<<: {hub: ai}\n")[0] == "glossary.yaml:1:1: keys must be plain field names"


def test_root_must_be_a_mapping() -> None:
    assert problems("- a\n- b\n") == [
        "glossary.yaml:1:1: the file must be a mapping with the keys hub, clusters, paths and terms"
    ]


def test_yaml_aliases_are_refused_where_used() -> None:
    text = edit("    explanation: Set by training.\n", "    explanation: Set by training.\n    examples: *names\n")
    text = edit("aliases: [AI]", "aliases: &names [AI]", text)
    assert problems(text) == ["glossary.yaml:28:15: YAML aliases (*name) are not allowed; write the value out"]


def test_file_that_is_not_utf8(tmp_path: object) -> None:
    from pathlib import Path

    path = Path(str(tmp_path)) / "glossary.yaml"
    path.write_bytes(b"hub: ai\ntitle: caf\xe9\n")
    with pytest.raises(GlossaryError) as caught:
        load_glossary(path, display_path="glossary.yaml")
    assert [str(p) for p in caught.value.problems] == ["glossary.yaml:2:11: the file is not valid UTF-8 text"]


def test_messages_read_in_file_order() -> None:
    text = (
        textwrap.dedent(BASE)
        .replace("generality: 928", "generality: 5000")
        .replace("related: [parameter]", "related: [nope]")
    )
    lines = [int(m.split(":")[1]) for m in problems(text)]
    assert lines == sorted(lines)


@pytest.mark.parametrize("value", ["!!bool maybe", '!!int ""', "!!float", "!!timestamp soon", "!!int '-'"])
def test_any_unreadable_tagged_value_is_a_problem_not_a_crash(value: str) -> None:
    found = problems(edit("generality: 928", f"generality: {value}"))
    assert any(": cannot read this value: " in message for message in found), found


def test_a_document_that_is_only_null_is_not_a_mapping() -> None:
    assert problems("~\n") == [
        "glossary.yaml:1:1: the file must be a mapping with the keys hub, clusters, paths and terms"
    ]


def test_a_link_whose_text_wraps_onto_the_next_line_is_a_link() -> None:
    text = SMALL.replace(
        "Compare [[hyperparameter|hyperparameters]],",
        "Compare [[hyperparameter|the settings\n      called hyperparameters]],",
        1,
    )
    [parameter] = [t for t in parse_glossary(text, this_year=2026).terms if t.slug == "parameter"]
    assert [(link.slug, link.text) for link in find_links(parameter.explanation)] == [
        ("hyperparameter", "the settings\ncalled hyperparameters")
    ]


def test_a_link_that_is_never_closed_is_reported_where_it_starts() -> None:
    text = SMALL.replace("Compare [[hyperparameter|hyperparameters]],", "Compare [[hyperparameter|hyperparameters,", 1)
    assert problems(text) == [
        "glossary.yaml:65:63: term 'parameter': explanation: '[[' starts a link that is not closed: write [[slug]]"
        " or [[slug|text]] (put `[[` in backticks to show it as text)"
    ]


# -- a field indented into the text above it ---------------------------------------------------------


def test_a_field_indented_into_a_block_of_text_is_reported() -> None:
    text = edit(
        "    explanation: Set by training.\n",
        "    explanation: |\n      Set by training.\n      why_it_matters: |\n      It is what a model learns.\n",
    )
    assert problems(text) == [
        "glossary.yaml:29:7: term 'parameter': explanation: 'why_it_matters:' is indented into the text of"
        " 'explanation', so it is read as text, not as a field; to make it a field, start it in column 5,"
        " like 'explanation:'"
    ]


def test_a_list_of_slugs_indented_into_a_block_of_text_is_reported() -> None:
    text = edit(
        "    explanation: Builds on [[parameter|parameters]].\n    related: [parameter]\n",
        "    explanation: >\n      Builds on [[parameter|parameters]].\n      related: [parameter]\n",
    )
    assert problems(text) == [
        "glossary.yaml:20:7: term 'ai': explanation: 'related:' is indented into the text of 'explanation',"
        " so it is read as text, not as a field; to make it a field, start it in column 5, like 'explanation:'"
    ]


def test_a_list_of_records_indented_into_an_item_of_text_is_reported() -> None:
    text = edit(
        "    explanation: Set by training.\n",
        "    explanation: Set by training.\n    examples:\n      - |\n        A weight.\n"
        "        further_reading:\n        - authors: [Ian Goodfellow]\n          title: Deep Learning\n",
    )
    assert problems(text) == [
        "glossary.yaml:31:9: term 'parameter': examples[1]: 'further_reading:' is indented into the text of"
        " examples[1], so it is read as text, not as a field; to make it a field, start it in column 5,"
        " like 'examples:'"
    ]


def test_a_line_of_text_that_starts_with_a_field_name_is_text() -> None:
    text = edit(
        "    explanation: Set by training.\n",
        "    explanation: |\n      Set by training, as the following\n      examples: show.\n",
    )
    assert parse_glossary(text, this_year=2026).terms[1].explanation == (
        "Set by training, as the following\nexamples: show."
    )


def test_a_field_name_in_a_code_block_of_the_text_is_text() -> None:
    text = edit(
        "    explanation: Set by training.\n",
        "    explanation: |\n      Set by training, as in\n\n      ```yaml\n      year: 1950\n      ```\n",
    )
    assert "year: 1950" in parse_glossary(text, this_year=2026).terms[1].explanation


# -- a duplicate slug, and what it would otherwise cause ------------------------------------------------

COPY_OF_AI = BASE[BASE.index("  - slug: ai\n") : BASE.index("  - slug: parameter\n")]


def test_a_copied_term_is_reported_once_as_a_duplicate_slug() -> None:
    copy = COPY_OF_AI.replace("    related: [parameter]\n", "    formerly: [machine-intelligence]\n")
    text = edit("    aliases: [AI]\n", "    aliases: [AI]\n    formerly: [machine-intelligence]\n") + copy
    assert problems(text) == ["glossary.yaml:29:11: term 'ai': duplicate slug 'ai' (first defined at line 12)"]


def test_a_duplicate_slug_comes_first_on_its_line() -> None:
    text = BASE + "  - slug: ai\n    aliases: [A.I.]\n"
    assert problems(text) == [
        "glossary.yaml:28:11: term 'ai': duplicate slug 'ai' (first defined at line 12)",
        "glossary.yaml:28:5: term 'ai': missing required field 'cluster'",
        "glossary.yaml:28:5: term 'ai': missing required field 'explanation'",
        "glossary.yaml:28:5: term 'ai': missing required field 'generality'",
        "glossary.yaml:28:5: term 'ai': missing required field 'short'",
        "glossary.yaml:28:5: term 'ai': missing required field 'title'",
    ]


# -- a reference to a former slug ------------------------------------------------------------------

RENAMED = edit("    title: Parameter\n", "    title: Parameter\n    formerly: [weight]\n")


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "related: [parameter]",
            "related: [weight]",
            "glossary.yaml:19:15: term 'ai': related: 'weight' is the former slug of term 'parameter'; use the new slug",
        ),
        (
            "steps: [ai, parameter]",
            "steps: [ai, weight]",
            "glossary.yaml:10:17: path 'start': steps: 'weight' is the former slug of term 'parameter';"
            " use the new slug",
        ),
        (
            "    related: [parameter]\n",
            "    related: [parameter]\n    contrast:\n      - term: weight\n        difference: Not the same.\n",
            "glossary.yaml:21:15: term 'ai': contrast: 'weight' is the former slug of term 'parameter';"
            " use the new slug",
        ),
        (
            "[[parameter|parameters]]",
            "[[weight|parameters]]",
            "glossary.yaml:18:28: term 'ai': explanation: link to 'weight', the former slug of term 'parameter';"
            " use the new slug",
        ),
    ],
)
def test_a_reference_to_a_former_slug_names_the_term_it_became(old: str, new: str, message: str) -> None:
    assert problems(edit(old, new, RENAMED)) == [message]
