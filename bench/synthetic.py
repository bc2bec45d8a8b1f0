"""Synthetic glossaries in our schema, with realistic sizes, for benchmarks.

Each term has a ~110-character definition, a ~250-word explanation with three prose links, two
aliases, six related terms, a year and a citation; one term in three also has every optional section.
Clusters and learning paths grow with the glossary, as in a real one: a cluster per ``TERMS_PER_CLUSTER``
terms, and a path of 10 steps per 20 terms.
"""

from __future__ import annotations

import random

TERMS_PER_CLUSTER = 100

WORDS = [
    "model",
    "data",
    "training",
    "layer",
    "network",
    "value",
    "gradient",
    "loss",
    "learning",
    "weight",
    "input",
    "output",
    "feature",
    "sample",
    "batch",
    "error",
    "signal",
    "pattern",
    "structure",
    "method",
    "result",
    "function",
    "space",
    "vector",
    "matrix",
    "update",
    "step",
    "rate",
    "score",
    "test",
    "label",
    "class",
    "noise",
    "measure",
    "estimate",
    "approach",
    "system",
    "example",
    "idea",
]


def _sentence(rng: random.Random, words: int) -> str:
    body = " ".join(rng.choice(WORDS) for _ in range(words))
    return body[0].upper() + body[1:] + "."


def _paragraphs(rng: random.Random, words: int, links: list[str]) -> str:
    sentences = []
    total = 0
    while total < words:
        count = rng.randint(10, 20)
        sentences.append(_sentence(rng, count))
        total += count
    for i, slug in enumerate(links):
        at = (i + 1) * len(sentences) // (len(links) + 1)
        sentences[at] = sentences[at][:-1] + f" and [[{slug}]]."
    half = len(sentences) // 2
    return " ".join(sentences[:half]) + "\n\n" + " ".join(sentences[half:])


def _block(text: str, indent: int) -> str:
    pad = " " * indent
    return "|\n" + "\n".join(pad + line if line else "" for line in text.splitlines())


def synthetic_glossary(count: int, seed: int = 1) -> str:
    """The text of a valid glossary.yaml with ``count`` terms."""
    rng = random.Random(seed)
    slugs = [f"term-{i:05d}" for i in range(count)]
    clusters = [f"cluster-{i:03d}" for i in range(max(1, count // TERMS_PER_CLUSTER))]
    out = ["hub: term-00000", "clusters:"]
    for cluster in clusters:
        out += [f"  - id: {cluster}", f"    title: Cluster {cluster[-3:]}", f"    description: {_sentence(rng, 15)}"]
    out.append("paths:")
    for p in range(max(1, count // 20)):
        steps = rng.sample(slugs, min(10, count))
        out += [f"  - id: path-{p:04d}", f"    title: Path {p}", f"    description: {_sentence(rng, 12)}"]
        out.append(f"    steps: [{', '.join(steps)}]")
    out.append("terms:")
    for i, slug in enumerate(slugs):
        others = rng.sample(slugs, min(10, count))
        others = [s for s in others if s != slug]
        out += [
            f"  - slug: {slug}",
            f"    title: Term {i:05d} {rng.choice(WORDS).title()}",
            f"    aliases: [T{i:05d}, Synthetic {i:05d}]",
            f"    short: {_sentence(rng, 16)}",
            f"    year: {rng.randint(1900, 2024)}",
            f"    generality: {rng.randint(0, 1000)}",
            f"    cluster: {clusters[i % len(clusters)]}",
            f"    explanation: {_block(_paragraphs(rng, 250, others[6:9]), 6)}",
        ]
        if i % 3 == 0:
            out += [
                f"    why_it_matters: {_sentence(rng, 40)}",
                f"    how_it_works: {_block(_paragraphs(rng, 100, []), 6)}",
                "    examples:",
                *(f"      - {_sentence(rng, 15)}" for _ in range(3)),
                "    strengths:",
                *(f"      - {_sentence(rng, 10)}" for _ in range(3)),
                "    challenges:",
                *(f"      - {_sentence(rng, 10)}" for _ in range(3)),
                "    questions:",
                *(
                    f"      - question: {_sentence(rng, 8)[:-1]}?\n        answer: {_sentence(rng, 40)}"
                    for _ in range(2)
                ),
            ]
        out += [
            f"    related: [{', '.join(others[:6])}]",
            "    further_reading:",
            "      - authors: [Ada Author, Bo Writer]",
            f"        year: {rng.randint(1950, 2024)}",
            f"        title: {_sentence(rng, 6)[:-1]}",
            "        venue: Journal of Synthetic Results",
            f"        doi: 10.5555/{i:07d}",
        ]
    return "\n".join(out) + "\n"
