"""The site's own search index: what each word finds, with what score, in which small file.

The browser side (exact names first, typos, no download before use) is in test_browser.py.
"""

from __future__ import annotations

import dataclasses
import json
import random
from pathlib import Path

import pytest

from conftest import Site
from glossary_engine.memo import PIECES
from glossary_engine.render import search
from glossary_engine.render.search import (
    ALIAS,
    SUMMARY,
    TITLE,
    SearchDoc,
    prose_text,
    search_files,
    shard_file,
    words,
)


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


def _docs(rng: random.Random, count: int) -> list[SearchDoc]:
    vocabulary = [f"{a}{b}" for a in ("mo", "da", "la", "gr", "lo") for b in ("del", "ta", "yer", "ad", "ss", "x")]
    return [
        SearchDoc(
            "term",
            f"Term {' '.join(rng.sample(vocabulary, 2))}",
            f"terms/t{n}/",
            " ".join(rng.choices(vocabulary, k=6)),
            tuple(rng.sample(vocabulary, rng.randint(0, 2))),
            " ".join(rng.choices(vocabulary, k=rng.randint(0, 40))),
            rng.randint(0, 20),
        )
        for n in range(count)
    ]


def test_an_index_made_again_after_a_few_changes_is_the_index_made_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    """As mkdocs serve rebuilds: each round changes one document or a few (every field, a word that
    disappears, one that is new); only their words are ranked again, and every file must be what a
    whole index makes. A word in many documents keeps only the best PROSE_POSTINGS, so changes at
    that cut are covered too: a document entering, leaving or moving inside the best."""
    monkeypatch.setattr(PIECES, "remember", True)  # as a serving process: it keeps the last index
    rng = random.Random(5)
    docs = _docs(rng, 900)
    search._last.clear()
    search_files(docs)
    for round_ in range(40):
        for n in rng.sample(range(len(docs)), rng.choice([1, 1, 1, 3])):  # mostly one: a single edit
            fresh = _docs(rng, 1)[0]
            field = rng.choice(["title", "summary", "aliases", "text", "bonus", "all"])
            new_word = f"mo{round_}" if rng.random() < 0.5 else ""  # a new word in an existing shard
            if field == "all":
                docs[n] = dataclasses.replace(fresh, url=docs[n].url, text=fresh.text + " " + new_word)
            else:
                docs[n] = dataclasses.replace(docs[n], **{field: getattr(fresh, field)})
        with monkeypatch.context() as patch:
            patch.setattr(search, "_whole", None)  # made again, not whole
            again = search_files(docs)
        search._last.clear()
        assert again == search_files(docs)


def test_a_different_number_of_documents_makes_the_index_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(PIECES, "remember", True)
    rng = random.Random(6)
    docs = _docs(rng, 40)
    search._last.clear()
    search_files(docs)
    shorter = search_files(docs[:-1])
    search._last.clear()
    assert shorter == search_files(docs[:-1])


def test_a_process_that_does_not_serve_keeps_no_index() -> None:
    """A one-off build has no next build to make the index again for."""
    search._last.clear()
    search_files(_docs(random.Random(7), 40))
    assert search._last == []
