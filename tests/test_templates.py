"""The page chrome comes from Jinja templates; a site's overrides/glossary/<name>.html replaces one."""

from __future__ import annotations

import datetime
from pathlib import Path

from conftest import DEFAULT_NAV, SMALL, build_project, make_project
from glossary_engine import GlossaryIndex, parse_glossary
from glossary_engine.render.cards import render_cards, term_card
from glossary_engine.render.templates import BUILT_IN, Templates, long_date


def test_a_template_in_the_sites_overrides_replaces_the_engines(tmp_path: Path) -> None:
    root = make_project(tmp_path, SMALL)
    (root / "overrides" / "glossary").mkdir()
    (root / "overrides" / "glossary" / "crumbs.html").write_text(
        '<nav class="my-crumbs">{% for c in ancestors %}{{ c.title }} / {% endfor %}{{ current }}</nav>\n',
        encoding="utf-8",
    )
    site = build_project(root, DEFAULT_NAV)
    page = site.html("terms/parameter/")
    assert (
        '<nav class="my-crumbs">Home / Artificial Intelligence / Neural Networks and Deep Learning / Parameter</nav>'
        in page
    )
    assert "gl-crumbs" not in page
    assert 'class="grid cards gl-cards"' in page  # the other templates are still the engine's


def test_templates_escape_glossary_text(tmp_path: Path) -> None:
    text = SMALL.replace("title: Parameter\n", "title: 'P & Q \"R\" <3'\n", 1)
    index = GlossaryIndex.build(parse_glossary(text, this_year=2026))
    html = render_cards([term_card(index.terms["parameter"])], "terms/x.md")
    assert "<strong>P &amp; Q &#34;R&#34; &lt;3</strong>" in html


def test_a_card_title_attribute_is_tooltip_safe() -> None:
    templates = Templates()
    html = templates.environment.from_string('<a title="{{ text | tooltip }}">x</a>').render(text="<img src=x>")
    assert html == '<a title="&amp;lt;img src=x&gt;">x</a>'


def test_every_shipped_template_renders_with_the_built_in_set() -> None:
    names = sorted(name for name in BUILT_IN.environment.list_templates() if name.startswith("glossary/"))
    assert names == [
        "glossary/backlinks.html",
        "glossary/cards.html",
        "glossary/check.html",
        "glossary/cite.html",
        "glossary/crumbs.html",
        "glossary/facts.html",
        "glossary/further-reading.html",
        "glossary/know.html",
        "glossary/path-steps.html",
        "glossary/today.html",
        "glossary/where-it-fits.html",
    ]
    assert long_date(datetime.date(2026, 12, 2)) == "2 December 2026"
