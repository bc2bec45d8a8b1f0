"""The Nu Html Checker (vnu-jar, pinned in package.json) finds nothing in our markup on the small site.

vnu.jar needs Java. Without it, or without ``npm ci``, the test is skipped with a hint, except under
CI=true, where it fails (``.ci/run`` installs Debian's default-jre-headless). Material's own templates
have errors every Material site shows; those are listed in ``MATERIAL`` with why they stay, and
anything else, error or warning, fails.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest

from conftest import ROOT, Site
from glossary_engine.render.markup import Document
from glossary_engine.render.sanitize import clean_html

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
MATERIAL = (
    # The palette and drawer toggles are checkboxes with autocomplete="off", which keeps Firefox from
    # restoring a stale checked state on back navigation; HTML allows the attribute on text-like inputs only.
    "Attribute “autocomplete” is only allowed when the input type is",
    # Section labels in the navigation carry tabindex="" where a section has no index page.
    "Bad value “” for attribute “tabindex” on element “label”",
    # The table of contents' title is a label for the hidden __toc checkbox that opens it on phones.
    "The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control.",
)


def _java() -> str:
    java = shutil.which("java")
    missing = [] if java else ["Java (apt-get install default-jre-headless)"]
    if not VNU.exists():
        missing.append("vnu-jar (npm ci in the project root)")
    if missing:
        message = f"the Nu Html Checker needs {' and '.join(missing)}"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    assert java is not None
    return java


def test_nu_html_checker_finds_nothing_in_our_markup(small_site: Site) -> None:
    assert nu_html_problems(small_site) == []


def nu_html_problems(site: Site) -> list[str]:
    """What the Nu Html Checker says of every page of ``site``, but for Material's own ``MATERIAL``."""
    pages = sorted(str(p) for p in site.site_dir.rglob("*.html"))
    result = subprocess.run(
        [_java(), "-jar", str(VNU), "--format", "json", "--also-check-svg", *pages],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(result.stderr)["messages"]
    return [
        f"{m['url'].rsplit('/site/', 1)[-1]}:{m.get('lastLine', '?')}: {m.get('subType', m['type'])}: {m['message']}"
        for m in messages
        if not (m["type"] == "error" and m["message"].startswith(MATERIAL))
    ]


def test_a_document_sanitizes_everything_around_its_sanitized_blocks() -> None:
    listed = clean_html('<a href="x/" title="t">X</a>: one')
    doc = Document().add("<p>before <script>alert(1)</script>", "<b onclick=alert(2)>b</b></p>\n")
    doc.add_sanitized(f"<ul>\n<li>{listed}</li>\n</ul>\n")
    doc.add("<p>after <img src=x onerror=alert(3)></p>\n")
    assert doc.rendered({}).html == (
        "<p>before <b>b</b></p>\n"  # each run of other blocks is sanitized whole, on its own
        '<ul>\n<li><a href="x/" title="t">X</a>: one</li>\n</ul>\n'  # passed through as it is
        "<p>after </p>\n"
    )
