"""Compacting finished pages: the templates' indentation goes, whitespace that matters stays."""

from __future__ import annotations

import re

from conftest import Site
from glossary_engine.render.finish import compact


def test_indentation_and_blank_lines_before_tags_become_one_newline() -> None:
    # Text that goes on after a line break keeps its spaces (they read as one space either way).
    assert compact("<div>\n    <p>a\n      b</p>\n\n\n  </div>\n") == "<div>\n<p>a\n      b</p>\n</div>\n"


def test_whitespace_inside_pre_textarea_and_script_is_kept() -> None:
    page = (
        "<p>x</p>\n  <pre><code>def f():\n    return 1\n\n\n</code></pre>\n  <TEXTAREA>a\n   b</TEXTAREA>\n"
        "  <script>let s = `a\n    b`;</script>\n  <p><code>a\n    <b>b</b></code></p>"
    )
    assert compact(page) == (
        "<p>x</p>\n<pre><code>def f():\n    return 1\n\n\n</code></pre>\n<TEXTAREA>a\n   b</TEXTAREA>\n"
        "<script>let s = `a\n    b`;</script>\n<p><code>a\n    <b>b</b></code></p>"
    )


def test_spaces_within_a_line_and_attribute_values_are_left_alone() -> None:
    assert compact("<p>a  b</p> <span>c</span>") == "<p>a  b</p> <span>c</span>"
    assert compact('<a title="one\n    two">x</a>') == '<a title="one\n    two">x</a>'


def test_built_pages_have_no_indentation_outside_pre(small_site: Site) -> None:
    for page in ("terms/parameter/", "", "about/"):
        html = re.sub(r"<(pre|script|textarea|code|kbd)\b.*?</\1>", "<kept/>", small_site.html(page), flags=re.S)
        assert re.search(r"\n[ \t\n]+<", html) is None, page
