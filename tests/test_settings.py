"""A site's glossary settings: checked with messages that name them, defaults that scale."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import DEFAULT_NAV, SMALL, build_project, make_project
from glossary_engine import GlossaryIndex, parse_glossary
from glossary_engine.model.lint import lint
from glossary_engine.settings import Settings, SettingsError, Standard, settings_from

GLOSSARY = [sys.executable, "-m", "glossary_engine.cli"]


def problems(value: object) -> list[str]:
    with pytest.raises(SettingsError) as caught:
        settings_from(value)
    return caught.value.problems


def test_no_settings_are_the_defaults() -> None:
    assert settings_from(None) == Settings()
    assert Settings().standard.related_for(470) == (3, 8)


def test_settings_are_read_and_typed() -> None:
    settings = settings_from({"subject": "Cybersecurity", "standard": {"related": [1, 4], "full_terms": 2}})
    assert settings.subject == "Cybersecurity"
    assert (settings.standard.related, settings.standard.full_terms) == ((1, 4), 2)


def test_every_wrong_setting_is_named() -> None:
    assert problems(
        {"subjet": "x", "cache_dir": 3, "standard": {"relatd": [1, 2], "related": [5, 2], "short_max": -1}}
    ) == [
        "extra.glossary.subjet: unknown setting (did you mean 'subject'?)",
        "extra.glossary.cache_dir: expected text, got 3",
        "extra.glossary.standard.relatd: unknown setting (did you mean 'related'?)",
        "extra.glossary.standard.related: expected [least, most], two whole numbers, got [5, 2]",
        "extra.glossary.standard.short_max: expected a whole number of at least 0, got -1",
    ]


def test_the_standard_scales_with_a_small_glossary() -> None:
    standard = Standard()
    assert [standard.full_count(n) for n in (3, 100, 470, 10_000)] == [0, 13, 60, 60]
    assert standard.related_for(3) == (2, 8)
    assert standard.path_steps_for(3) == (3, 12)
    assert Standard(full_terms=5).full_count(3) == 3


THREE = """\
hub: security
clusters:
  - id: basics
    title: Basics
    description: The ground every other topic stands on.
paths:
  - id: start
    title: Start here
    description: You will know the three words everything else uses.
    steps: [security, threat, vulnerability]
terms:
  - slug: security
    title: Security
    short: Keeping systems and data safe from harm.
    generality: 900
    cluster: basics
    explanation: |
      {text} See [[threat]] and [[vulnerability]].
    related: [threat, vulnerability]
    further_reading:
      - authors: [Ross Anderson]
        title: Security Engineering
        isbn: "9781119642787"
  - slug: threat
    title: Threat
    short: Anything that could exploit a weakness to cause harm.
    generality: 700
    cluster: basics
    explanation: |
      {text} See [[security]] and [[vulnerability]].
    related: [security, vulnerability]
    further_reading:
      - authors: [Ross Anderson]
        title: Security Engineering
        isbn: "9781119642787"
  - slug: vulnerability
    title: Vulnerability
    short: A weakness that a threat could exploit.
    generality: 600
    cluster: basics
    explanation: |
      {text} See [[security]] and [[threat]].
    related: [security, threat]
    further_reading:
      - authors: [Ross Anderson]
        title: Security Engineering
        isbn: "9781119642787"
""".replace("{text}", "A word about security. " * 30)


def test_a_three_term_glossary_on_another_subject_meets_the_scaled_standard() -> None:
    index = GlossaryIndex.build(parse_glossary(THREE, this_year=2026))
    assert lint(index) == []
    assert [f.message for f in lint(index, Standard(full_terms=60))] == [
        "one of the 3 most general terms: add why_it_matters, how_it_works, examples, strengths, challenges, questions"
    ] * 3


def test_glossary_check_reads_the_standard_from_mkdocs_yml(tmp_path: Path) -> None:
    (tmp_path / "glossary.yaml").write_text(THREE, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_url: !ENV [SITE_URL, 'https://x.example/']\nextra:\n  glossary:\n    standard:\n      related: [3, 8]\n",
        encoding="utf-8",
    )
    result = subprocess.run([*GLOSSARY, "check"], cwd=tmp_path, capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert "glossary.yaml:19: term 'security': related: 2 terms; give 3–8" in result.stderr


def test_glossary_check_names_a_wrong_setting(tmp_path: Path) -> None:
    (tmp_path / "glossary.yaml").write_text(THREE, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("extra:\n  glossary:\n    standard: {relatd: [1, 2]}\n", encoding="utf-8")
    result = subprocess.run([*GLOSSARY, "check"], cwd=tmp_path, capture_output=True, text=True, check=False)
    assert (result.returncode, result.stderr) == (
        1,
        "mkdocs.yml: extra.glossary.standard.relatd: unknown setting (did you mean 'related'?)\n",
    )


def test_the_build_stops_on_a_wrong_setting(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    root = make_project(tmp_path, SMALL)
    config = (root / "mkdocs.yml").read_text(encoding="utf-8").replace("    subject: AI\n", "    subjekt: AI\n")
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    with pytest.raises(SystemExit):
        build_project(root, DEFAULT_NAV)
    assert "mkdocs.yml: extra.glossary.subjekt: unknown setting (did you mean 'subject'?)" in caplog.text


def test_the_subject_reaches_the_page_descriptions(tmp_path: Path) -> None:
    site = build_project(make_project(tmp_path, SMALL), DEFAULT_NAV)
    assert '<meta name="description" content="AI concepts by the year they were introduced.">' in site.html("timeline/")
