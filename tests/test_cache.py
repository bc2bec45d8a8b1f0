"""The validated-glossary cache: an unchanged file comes from it; anything else is checked afresh."""

from __future__ import annotations

import dataclasses
import json
import pickle
from pathlib import Path

import pytest

from conftest import SMALL, build_project, make_project
from glossary_engine import GlossaryError, Term, load_glossary, parse_glossary
from glossary_engine.load import cache as cache_module


@pytest.fixture
def glossary_file(tmp_path: Path) -> Path:
    path = tmp_path / "glossary.yaml"
    path.write_text(SMALL, encoding="utf-8")
    return path


def entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("*" + cache_module.SUFFIX))


def test_second_load_of_an_unchanged_file_comes_from_the_cache(
    glossary_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "cache"
    first = load_glossary(glossary_file, this_year=2026, cache_dir=folder)
    assert first == parse_glossary(SMALL, str(glossary_file), this_year=2026)
    assert len(entries(folder)) == 1

    def no_parsing(*args: object, **kwargs: object) -> None:
        raise AssertionError("parsed again")

    monkeypatch.setattr("glossary_engine.load.loader.parse_glossary", no_parsing)
    assert load_glossary(glossary_file, this_year=2026, cache_dir=folder) == first


def test_an_edit_misses_the_cache_and_is_checked(glossary_file: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    load_glossary(glossary_file, this_year=2026, cache_dir=folder)
    glossary_file.write_text(
        SMALL.replace("related: [neural-network, parameter]", "related: [neural-networkz, parameter]", 1),
        encoding="utf-8",
    )
    with pytest.raises(GlossaryError, match="neural-networkz"):
        load_glossary(glossary_file, this_year=2026, cache_dir=folder)
    assert len(entries(folder)) == 1  # a failed load is not cached


def test_year_and_engine_version_are_part_of_the_key(
    glossary_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "cache"
    load_glossary(glossary_file, this_year=2026, cache_dir=folder)
    load_glossary(glossary_file, this_year=2027, cache_dir=folder)
    monkeypatch.setattr(cache_module, "engine_fingerprint", lambda: "another engine")
    load_glossary(glossary_file, this_year=2026, cache_dir=folder)
    assert len(entries(folder)) == 3


def test_a_damaged_entry_is_ignored_and_replaced(glossary_file: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    expected = load_glossary(glossary_file, this_year=2026, cache_dir=folder)
    [entry] = entries(folder)
    entry.write_bytes(b"not JSON")
    assert load_glossary(glossary_file, this_year=2026, cache_dir=folder) == expected
    entry.write_text(json.dumps({"not": "a glossary"}))
    assert load_glossary(glossary_file, this_year=2026, cache_dir=folder) == expected
    assert json.loads(entry.read_text(encoding="utf-8"))[0] == expected.hub  # rewritten by the engine


class _Planted:
    """Runs code if unpickled: what a planted pickle in a shared cache folder would do."""

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (exec, ("import pathlib; pathlib.Path('PWNED').write_text('ran')",))


def test_a_planted_pickle_under_the_current_key_runs_nothing(
    glossary_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "cache"
    expected = load_glossary(glossary_file, this_year=2026, cache_dir=folder)
    [entry] = entries(folder)
    monkeypatch.chdir(tmp_path)
    for name in (entry, entry.with_suffix(".pickle")):
        name.write_bytes(pickle.dumps(_Planted()))
    assert load_glossary(glossary_file, this_year=2026, cache_dir=folder) == expected
    assert not (tmp_path / "PWNED").exists()


def test_a_hand_made_entry_with_markup_in_a_title_is_not_trusted(glossary_file: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    expected = load_glossary(glossary_file, this_year=2026, cache_dir=folder)
    [entry] = entries(folder)
    data = json.loads(entry.read_text(encoding="utf-8"))
    data[3][0][1] = "<img src=x onerror=alert(1)>"  # the first term's title
    entry.write_text(json.dumps(data), encoding="utf-8")
    assert load_glossary(glossary_file, this_year=2026, cache_dir=folder) == expected


def test_an_entry_of_the_wrong_shape_is_ignored(glossary_file: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    expected = load_glossary(glossary_file, this_year=2026, cache_dir=folder)
    [entry] = entries(folder)
    data = json.loads(entry.read_text(encoding="utf-8"))
    data[3][0][4] = "928"  # generality as text
    entry.write_text(json.dumps(data), encoding="utf-8")
    assert load_glossary(glossary_file, this_year=2026, cache_dir=folder) == expected


def test_only_the_newest_entries_are_kept(glossary_file: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    for year in range(2026, 2026 + cache_module.KEEP + 2):
        load_glossary(glossary_file, this_year=year, cache_dir=folder)
    assert len(entries(folder)) == cache_module.KEEP


def test_an_unwritable_cache_only_costs_speed(glossary_file: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    assert load_glossary(glossary_file, this_year=2026, cache_dir=blocker).hub == "artificial-intelligence"


def test_a_build_fills_the_project_cache_and_a_second_build_reads_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = make_project(tmp_path / "project")
    first = build_project(project).html("terms/parameter/")
    [entry] = entries(project / ".cache" / "glossary")
    monkeypatch.setattr("glossary_engine.load.loader.parse_glossary", lambda *a, **k: pytest.fail("parsed again"))
    second = build_project(project).html("terms/parameter/")
    assert entries(project / ".cache" / "glossary") == [entry]
    assert second == first


def test_a_new_yaml_parser_version_is_a_new_key(
    glossary_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "cache"
    load_glossary(glossary_file, this_year=2026, cache_dir=folder)
    monkeypatch.setattr("yaml.__version__", "99.0")
    load_glossary(glossary_file, this_year=2026, cache_dir=folder)
    assert len(entries(folder)) == 2


def test_a_hand_made_entry_that_names_an_unknown_term_is_not_trusted(glossary_file: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    expected = load_glossary(glossary_file, this_year=2026, cache_dir=folder)
    [entry] = entries(folder)
    data = json.loads(entry.read_text(encoding="utf-8"))
    fields = [f.name for f in dataclasses.fields(Term)]
    data[3][0][fields.index("related")] = ["no-such-term"]
    entry.write_text(json.dumps(data), encoding="utf-8")
    assert load_glossary(glossary_file, this_year=2026, cache_dir=folder) == expected
