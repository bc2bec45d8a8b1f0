"""The site's own search index: what each word finds, with what score, in which small file.

The browser side (exact names first, typos, no download before use) is in test_browser.py.
"""

from __future__ import annotations

import json
from pathlib import Path

from conftest import Site
from glossary_engine.render.search import ALIAS, SUMMARY, TITLE, prose_text, shard_file, words


def _index(site: Site) -> Path:
    return site.site_dir / "search"


def postings(site: Site, word: str) -> dict[str, int]:
    """Every page ``word`` finds, by URL, with its score."""
    folder = _index(site)
    manifest = json.loads((folder / "index.json").read_text(encoding="utf-8"))
    shard = json.loads((folder / "words" / f"{shard_file(word[:2])}.json").read_text(encoding="utf-8"))
    found = shard.get(word, [])
    rows = {}
    for doc, score in zip(found[::2], found[1::2], strict=True):
        block = json.loads((folder / "docs" / f"{doc // manifest['per']}.json").read_text(encoding="utf-8"))
        rows[block[doc % manifest["per"]][2]] = score
    return rows


def test_words_are_folded_split_stemmed_and_without_stop_words() -> None:
    assert words("Réseau of the Weights, and LLM-as-a-Judge") == ["reseau", "weight", "llm", "judge"]


def test_a_title_word_finds_its_term_at_full_title_score(small_site: Site) -> None:
    found = postings(small_site, "parameter")
    assert max(found, key=found.__getitem__) == "terms/parameter/"
    assert found["terms/parameter/"] >= TITLE


def test_an_alias_finds_its_term(small_site: Site) -> None:
    assert postings(small_site, "weight")["terms/parameter/"] >= ALIAS


def test_a_word_only_in_prose_finds_its_entry_below_any_name(small_site: Site) -> None:
    score = postings(small_site, "random")["terms/parameter/"]  # "Start from random values."
    assert 0 < score < SUMMARY


def test_a_prose_link_reads_as_its_text(small_site: Site) -> None:
    # "Compare [[hyperparameter|hyperparameters]]" in Parameter's explanation.
    assert "terms/parameter/" in postings(small_site, "hyperparameter")


def test_prose_links_read_as_their_text_and_targets_are_left_out() -> None:
    titles = {"parameter": "Parameter"}
    prose = 'See [the paper](https://example.org/x "Paper") or <https://a.org>, and [[parameter]].'
    assert words(prose_text(titles, prose)) == ["see", "paper", "parameter"]


def test_hand_written_pages_are_found_by_their_text(small_site: Site) -> None:
    assert "about/" in postings(small_site, "read")


def test_a_result_row_shows_kind_title_url_definition_and_aliases(small_site: Site) -> None:
    rows = json.loads((_index(small_site) / "docs" / "0.json").read_text(encoding="utf-8"))
    parameter = next(row for row in rows if row[2] == "terms/parameter/")
    definition = "A number inside a model that is learned from data during training."
    assert parameter == ["t", "Parameter", "terms/parameter/", definition, ["Weights", "Model parameter"]]


def test_no_page_links_material_search_index(small_site: Site) -> None:
    assert not (small_site.site_dir / "search" / "search_index.json").exists()
    page = (small_site.site_dir / "terms" / "parameter" / "index.html").read_text(encoding="utf-8")
    assert 'name="search"' not in page  # Material's bundle fetches its index for a form of that name


def test_a_cluster_row_shows_its_description_with_links_as_text(small_site: Site) -> None:
    rows = json.loads((_index(small_site) / "docs" / "0.json").read_text(encoding="utf-8"))
    cluster = next(row for row in rows if row[2] == "clusters/neural-networks/")
    assert cluster[3].startswith("Networks of simple units that learn from data, starting with ")
    assert "[[" not in cluster[3]
