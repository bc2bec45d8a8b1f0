"""Hints on YAML syntax errors: one test per slip an editor makes, each asserting the exact message."""

from __future__ import annotations

import pytest

from glossary_engine import GlossaryError, parse_glossary

TERM = """\
hub: ai
terms:
  - slug: ai
    title: Artificial Intelligence
    short: Machines that do intelligent tasks.
    generality: 1000
"""


def message(text: str) -> str:
    """The one message the loader gives for ``text``."""
    with pytest.raises(GlossaryError) as caught:
        parse_glossary(text, "glossary.yaml", this_year=2026)
    [problem] = caught.value.problems
    return str(problem)


def edit(old: str, new: str) -> str:
    assert old in TERM, old
    return TERM.replace(old, new, 1)


def test_a_value_containing_colon_space_must_be_quoted() -> None:
    assert message(edit("short: Machines that do intelligent tasks.", "short: Attention: a mechanism")) == (
        "glossary.yaml:5:21: invalid YAML: mapping values are not allowed in this context"
        ' (a value that contains ": " must be quoted: short: "Attention: a mechanism")'
    )


def test_a_value_ending_with_a_colon_must_be_quoted() -> None:
    assert message(edit("short: Machines that do intelligent tasks.", "short: Note:")) == (
        "glossary.yaml:5:16: invalid YAML: mapping values are not allowed in this context"
        ' (a value that ends with ":" must be quoted: short: "Note:")'
    )


def test_a_quoted_example_keeps_the_double_quotes_of_the_value() -> None:
    assert message(edit("short: Machines that do intelligent tasks.", 'short: The "A" in AI: artificial')) == (
        "glossary.yaml:5:25: invalid YAML: mapping values are not allowed in this context"
        """ (a value that contains ": " must be quoted: short: 'The "A" in AI: artificial')"""
    )


def test_a_value_with_colon_space_that_goes_on_to_the_next_line() -> None:
    text = edit(
        "short: Machines that do intelligent tasks.", "short: Attention: a mechanism\n      that weighs inputs."
    )
    assert message(text) == (
        "glossary.yaml:5:21: invalid YAML: mapping values are not allowed in this context"
        ' (a value that contains ": " must be quoted; here the value goes on to the next line, so quote all of it)'
    )


def test_a_colon_on_a_continuation_line_names_the_value_it_continues() -> None:
    text = edit("short: Machines that do intelligent tasks.", "short: Machines that do\n      tasks: many of them.")
    assert message(text) == (
        "glossary.yaml:6:12: invalid YAML: mapping values are not allowed in this context"
        """ (line 6 continues the value of 'short:' from line 5, and a value with a ": " must be quoted)"""
    )


def test_a_field_indented_deeper_than_the_one_above() -> None:
    assert message(edit("    generality: 1000", "      generality: 1000")) == (
        "glossary.yaml:6:17: invalid YAML: mapping values are not allowed in this context"
        " ('generality:' is indented deeper than 'short:' on line 5, so it is read as more of that value,"
        " not as a field; start it in column 5, like 'short:')"
    )


def test_a_list_item_without_a_space_after_its_dash() -> None:
    assert message(edit("  - slug: ai", "  -slug: ai")) == (
        "glossary.yaml:4:10: invalid YAML: mapping values are not allowed in this context"
        " (line 3 starts with '-slug:'; a list item needs a space after its '-': '- slug:')"
    )


def test_a_quote_never_closed_up_to_the_end_of_the_file() -> None:
    assert message(edit("    generality: 1000\n", '    generality: 1000\n    explanation: "Never closed.\n')) == (
        "glossary.yaml:8:1: invalid YAML: found unexpected end of stream while scanning a quoted scalar that starts"
        ' at line 7 (the " at line 7, column 18 opens a value that is never closed)'
    )


def test_a_quote_never_closed_runs_on_to_the_next_quote() -> None:
    text = edit("short: Machines that do intelligent tasks.", "short: 'Machines that do intelligent tasks.")
    text += "    explanation: It's hard.\n"
    assert message(text) == (
        "glossary.yaml:7:21: invalid YAML: did not find expected key while parsing a block mapping that starts"
        " at line 3 (the value quoted with ' at line 5, column 12 runs on to the ' just before this;"
        " is its closing ' missing on line 5?)"
    )


def test_text_after_the_closing_quote() -> None:
    assert message(edit("short: Machines that do intelligent tasks.", "short: 'It's a machine.'")) == (
        "glossary.yaml:5:16: invalid YAML: did not find expected key while parsing a block mapping that starts"
        " at line 3 (the quoted value ends with the ' in column 15, but more text follows; if the quote marks"
        """ belong to the text, write short: "It's a machine.")"""
    )


def test_a_tab_inside_a_value_is_not_called_indentation() -> None:
    assert message(edit("short: Machines that do intelligent tasks.", "short: Machines\tdo: tasks")) == (
        "glossary.yaml:5:23: invalid YAML: mapping values are not allowed in this context"
        ' (a value that contains ": " must be quoted)'
    )


def test_a_list_item_whose_dash_does_not_line_up() -> None:
    text = TERM + "   - slug: ml\n"
    assert message(text) == (
        "glossary.yaml:7:4: invalid YAML: did not find expected '-' indicator while parsing a block collection"
        " that starts at line 3 (this item's '-' is in column 4, but the items of the list that starts at line 3"
        " have theirs in column 3)"
    )


def test_a_new_list_item_without_its_dash() -> None:
    text = TERM + "    title: Again\n  slug: ml\n"
    assert message(text) == (
        "glossary.yaml:8:3: invalid YAML: did not find expected '-' indicator while parsing a block collection"
        " that starts at line 3 (the items of the list that starts at line 3 begin with '- ' in column 3;"
        " to start a new item here, write '- ' before 'slug:')"
    )


def test_a_field_less_indented_than_the_fields_of_its_item() -> None:
    assert message(edit("    generality: 1000", "   generality: 1000")) == (
        "glossary.yaml:6:4: invalid YAML: did not find expected '-' indicator while parsing a block collection"
        " that starts at line 3 (the fields of the item that starts at line 3 begin in column 5;"
        " this one begins in column 4)"
    )


def test_a_list_item_among_the_fields_of_a_mapping() -> None:
    text = TERM + "    - slug: ml\n"
    assert message(text) == (
        "glossary.yaml:7:5: invalid YAML: did not find expected key while parsing a block mapping that starts"
        " at line 3 (a list item cannot stand among the fields of the mapping that starts at line 3:"
        " line up its '-' with the '-' of the other items of its list)"
    )


def test_a_list_that_is_never_closed() -> None:
    text = TERM + "    related: [parameter, model\n"
    assert message(text) == (
        "glossary.yaml:8:1: invalid YAML: did not find expected ',' or ']' while parsing a flow sequence that"
        " starts at line 7 (the list that opens with [ at line 7, column 14 is not closed; end it with ])"
    )


@pytest.mark.parametrize(
    ("value", "column", "detail", "hint"),
    [
        ("@openai on AI", 12, "found character that cannot start any token while scanning for the next token", "@"),
        ("`AI` is a field", 12, "found character that cannot start any token while scanning for the next token", "`"),
        (
            "*Artificial* minds",
            23,
            "did not find expected alphabetic or numeric character while scanning an alias",
            "*",
        ),
        (
            "[[ml]] done by machines",
            19,
            "did not find expected key while parsing a block mapping that starts at line 3",
            "[[",
        ),
        ("- a machine", 12, "block sequence entries are not allowed in this context", "- "),
    ],
)
def test_a_value_that_starts_with_a_yaml_indicator_must_be_quoted(
    value: str, column: int, detail: str, hint: str
) -> None:
    assert message(edit("short: Machines that do intelligent tasks.", f"short: {value}")) == (
        f'glossary.yaml:5:{column}: invalid YAML: {detail} (a value that starts with "{hint}" must be quoted:'
        f' short: "{value}")'
    )


def test_text_after_a_block_indicator_belongs_on_the_next_line() -> None:
    assert message(edit("short: Machines that do intelligent tasks.", "short: > 5 tasks at once")) == (
        "glossary.yaml:5:14: invalid YAML: did not find expected comment or line break while scanning a block"
        " scalar (after > the text starts on the next line, indented; a value that starts with > must be quoted:"
        ' short: "> 5 tasks at once")'
    )


def test_a_backslash_in_double_quotes_is_an_escape() -> None:
    assert message(edit("short: Machines that do intelligent tasks.", r'short: "Kept in C:\models"')) == (
        "glossary.yaml:5:23: invalid YAML: found unknown escape character while parsing a quoted scalar"
        r""" (in a "-quoted value a \ starts an escape: write \\ for a backslash, or quote the value with ' instead)"""
    )


def test_a_line_of_text_that_lost_its_indentation() -> None:
    text = TERM + "    explanation: |\n      The first line.\n    the second line.\n"
    assert message(text) == (
        "glossary.yaml:10:1: invalid YAML: could not find expected ':' while scanning a simple key that starts at"
        " line 9 (line 9 is not 'name: value'; if it is a field, add the ':', and if it belongs to the text above"
        " it, indent it like that text)"
    )


def test_list_items_written_on_the_line_of_their_field() -> None:
    assert message(TERM + "    related: - parameter\n") == (
        "glossary.yaml:7:14: invalid YAML: block sequence entries are not allowed in this context"
        " (the items of a list go on the lines below 'related:', each starting with '- ')"
    )


def test_a_field_without_a_space_after_its_colon() -> None:
    assert message(TERM + "    cluster:basics\n") == (
        "glossary.yaml:8:1: invalid YAML: could not find expected ':' while scanning a simple key that starts at"
        " line 7 ('cluster:' needs a space after the ':' to be read as a field)"
    )


def test_a_field_indented_like_the_items_of_the_list_above() -> None:
    text = TERM + "    aliases:\n      - AI\n      cluster: basics\n"
    assert message(text) == (
        "glossary.yaml:9:7: invalid YAML: did not find expected '-' indicator while parsing a block collection"
        " that starts at line 8 ('cluster:' is indented like the '-' of the list under 'aliases:' on line 7;"
        " to make it a field beside 'aliases:', start it in column 5)"
    )


def test_text_after_a_closing_quote_inside_brackets_gets_no_example() -> None:
    assert message(TERM + "    aliases: ['A.I.'s, AI]\n") == (
        "glossary.yaml:7:21: invalid YAML: did not find expected ',' or ']' while parsing a flow sequence"
        " (the quoted value ends with the ' in column 20, but more text follows)"
    )


def test_a_field_that_is_not_text_gets_no_advice_to_quote() -> None:
    assert message(TERM + "    year: 1956: or so\n") == (
        "glossary.yaml:7:15: invalid YAML: mapping values are not allowed in this context"
    )
