"""The ``glossary`` command, run for real as a subprocess on a copy of the small glossary."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SMALL, SMALL_SLUGS
from glossary_engine import parse_glossary

# The installed console script when there is one, else the module: both run cli.main for real.
_SCRIPT = shutil.which("glossary", path=str(Path(sys.executable).parent))
COMMAND = [_SCRIPT] if _SCRIPT else [sys.executable, "-m", "glossary_engine.cli.main"]

NEW_USAGE = """\
usage: glossary new [-h] [--file FILE] --cluster ID [--slug SLUG]
                    [--after SLUG]
                    title
"""


def glossary(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run ``glossary ARGS`` in ``cwd`` and capture what it prints."""
    return subprocess.run(
        [*COMMAND, *args], cwd=cwd, capture_output=True, text=True, encoding="utf-8", check=False, timeout=60
    )


def entry(slug: str, title: str, cluster: str) -> str:
    """The skeleton ``glossary new`` writes, indented as the small glossary's terms are."""
    return (
        f"  - slug: {slug}\n"
        f"    title: {title}\n"
        "    aliases: []\n"
        '    short: "TODO: one-sentence definition."\n'
        "    generality: 0\n"
        f"    cluster: {cluster}\n"
        "    explanation: |\n"
        f"      TODO: explain {title} in 120–300 words, linking related terms.\n"
        "    related: []\n"
        "    further_reading: []\n"
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A folder holding a copy of the small glossary as glossary.yaml."""
    (tmp_path / "glossary.yaml").write_text(SMALL, encoding="utf-8")
    return tmp_path


def broken(project: Path) -> Path:
    """Give the project's glossary two problems; return the project."""
    text = SMALL.replace("generality: 940", "generality: 1200").replace(
        "related: [parameter]\n", "related: [paramter]\n"
    )
    (project / "glossary.yaml").write_text(text, encoding="utf-8")
    return project


BROKEN_PROBLEMS = [
    "glossary.yaml:42:17: term 'neural-network': generality: expected a whole number from 0 to 1000, got the number 1200",
    "glossary.yaml:109:15: term 'hyperparameter': related: unknown term 'paramter' (did you mean 'parameter'?)",
    "glossary.yaml: 2 problems",
]


# -- the command line --------------------------------------------------------------------------------


def test_help_names_every_command(project: Path) -> None:
    result = glossary(project, "--help")
    assert result.returncode == 0
    listed = [line.split()[0] for line in result.stdout.splitlines() if re.match(r"^    \S", line)]
    assert listed == ["check", "new", "init", "stats", "stale", "export"]


@pytest.mark.parametrize("command", ["check", "new", "stats", "export"])
def test_every_command_has_help(project: Path, command: str) -> None:
    result = glossary(project, command, "--help")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.startswith(f"usage: glossary {command} ")
    assert "--file FILE" in result.stdout


def test_no_command_is_a_usage_error(project: Path) -> None:
    result = glossary(project)
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == "glossary: error: the following arguments are required: COMMAND"


def test_a_missing_glossary_file_is_a_usage_error(tmp_path: Path) -> None:
    result = glossary(tmp_path, "check")
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == (
        "glossary check: error: no glossary file at glossary.yaml (use --file to name it)"
    )


# -- check -------------------------------------------------------------------------------------------


def test_check_without_lint_passes_the_small_glossary(project: Path) -> None:
    result = glossary(project, "check", "--no-lint")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == (
        "glossary.yaml: 6 terms, 2 clusters, 2 learning paths; no problems found (content lint skipped)\n"
    )


def test_check_reports_lint_findings_and_fails(project: Path) -> None:
    result = glossary(project, "check")
    assert (result.returncode, result.stdout) == (1, "")
    lines = result.stderr.splitlines()
    assert lines[0] == "glossary.yaml:15: path 'tuning': has 2 steps; give 5–12"
    # Six terms: only the most general one is asked for every section (13% of the terms, rounded).
    assert "glossary.yaml:109: term 'hyperparameter': related: 1 terms; give 3–8" in lines  # at the field's line
    assert lines[-1] == "glossary.yaml: 17 lint findings"


def test_check_reports_every_problem_of_a_broken_file(project: Path) -> None:
    result = glossary(broken(project), "check")
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr.splitlines() == BROKEN_PROBLEMS


def test_check_names_the_file_given_with_file(project: Path) -> None:
    (project / "glossary.yaml").rename(project / "other.yaml")
    result = glossary(project, "check", "--no-lint", "--file", "other.yaml")
    assert result.returncode == 0
    assert result.stdout.startswith("other.yaml: 6 terms")


@pytest.mark.content
def test_check_passes_the_real_glossary(tmp_path: Path) -> None:
    result = glossary(tmp_path, "check", "--file", str(ROOT / "glossary.yaml"))
    assert (result.returncode, result.stderr) == (0, ""), result.stderr
    assert result.stdout.endswith("learning paths; no problems found\n")


# -- new ---------------------------------------------------------------------------------------------


def test_new_adds_the_entry_after_the_clusters_last_term_keeping_every_byte(project: Path) -> None:
    result = glossary(project, "new", "Machine learning", "--cluster", "foundations")
    assert (result.returncode, result.stderr) == (0, "")
    assert (
        result.stdout == "glossary.yaml:37: added term 'machine-learning' to cluster 'foundations'; fill in its TODOs\n"
    )
    k = SMALL.index("  - slug: neural-network\n")
    new = (project / "glossary.yaml").read_text(encoding="utf-8")
    assert new == SMALL[:k] + entry("machine-learning", "Machine learning", "foundations") + SMALL[k:]


def test_new_entry_passes_the_loader(project: Path) -> None:
    glossary(project, "new", "Learning rate", "--cluster", "neural-networks")
    terms = parse_glossary((project / "glossary.yaml").read_text(encoding="utf-8")).terms
    assert [(t.slug, t.cluster, t.line) for t in terms[-1:]] == [("learning-rate", "neural-networks", 113)]


def test_new_leaves_comments_and_blank_lines_with_the_next_entry(project: Path) -> None:
    k = SMALL.index("  - slug: neural-network\n")
    old = SMALL[:k] + "\n  # ----- neural networks -----\n\n" + SMALL[k:]
    (project / "glossary.yaml").write_text(old, encoding="utf-8")
    assert glossary(project, "new", "Planning", "--cluster", "foundations").returncode == 0
    new = (project / "glossary.yaml").read_text(encoding="utf-8")
    assert new == old[:k] + entry("planning", "Planning", "foundations") + old[k:]


def test_new_after_puts_the_entry_after_that_term(project: Path) -> None:
    result = glossary(project, "new", "Bias", "--cluster", "neural-networks", "--after", "neural-network")
    assert result.returncode == 0
    assert result.stdout.startswith("glossary.yaml:48: added term 'bias' ")
    k = SMALL.index("  - slug: how-neural-networks-work\n")
    new = (project / "glossary.yaml").read_text(encoding="utf-8")
    assert new == SMALL[:k] + entry("bias", "Bias", "neural-networks") + SMALL[k:]


def test_new_quotes_a_title_yaml_would_misread(project: Path) -> None:
    assert glossary(project, "new", "Q: a question", "--cluster", "foundations").returncode == 0
    new = (project / "glossary.yaml").read_text(encoding="utf-8")
    assert '    title: "Q: a question"\n' in new
    assert parse_glossary(new).terms[1].title == "Q: a question"


def test_new_keeps_windows_line_endings(project: Path) -> None:
    old = SMALL.replace("\n", "\r\n").encode("utf-8")
    (project / "glossary.yaml").write_bytes(old)
    assert glossary(project, "new", "Planning", "--cluster", "foundations").returncode == 0
    new = (project / "glossary.yaml").read_bytes()
    k = old.index(b"  - slug: neural-network\r\n")
    added = entry("planning", "Planning", "foundations").replace("\n", "\r\n").encode("utf-8")
    assert new == old[:k] + added + old[k:]


def unchanged(project: Path) -> bool:
    """The glossary is byte for byte the small one, and no temporary file was left behind (the edit
    lock beside it stays, as lock files do)."""
    files = sorted(p.name for p in project.iterdir() if p.name != ".glossary.yaml.lock")
    return files == ["glossary.yaml"] and (project / "glossary.yaml").read_bytes() == SMALL.encode("utf-8")


def test_new_refuses_an_existing_slug(project: Path) -> None:
    result = glossary(project, "new", "Parameter", "--cluster", "neural-networks")
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == "glossary.yaml:57: term 'parameter' is already defined here; give another --slug\n"
    assert unchanged(project)


def test_new_refuses_an_unknown_cluster(project: Path) -> None:
    result = glossary(project, "new", "Learning rate", "--cluster", "neural-network")
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == "glossary new: unknown cluster 'neural-network' (did you mean 'neural-networks'?)\n"
    assert unchanged(project)


def test_new_refuses_an_unknown_after_term(project: Path) -> None:
    result = glossary(project, "new", "Bias", "--cluster", "neural-networks", "--after", "paramter")
    assert result.returncode == 1
    assert result.stderr == "glossary new: --after: unknown term 'paramter' (did you mean 'parameter'?)\n"
    assert unchanged(project)


def test_new_refuses_an_entry_the_loader_would_reject(project: Path) -> None:
    result = glossary(project, "new", "NN", "--cluster", "neural-networks")
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr.splitlines() == [
        "glossary.yaml:39:15: term 'neural-network': aliases: 'NN' is already the title of term 'nn'",
        "glossary.yaml: not changed: adding term 'nn' at line 113 would cause the problems above",
    ]
    assert unchanged(project)


def test_new_refuses_to_touch_a_broken_file(project: Path) -> None:
    before = broken(project).joinpath("glossary.yaml").read_bytes()
    result = glossary(project, "new", "Learning rate", "--cluster", "neural-networks")
    assert result.returncode == 1
    assert result.stderr.splitlines() == BROKEN_PROBLEMS
    assert (project / "glossary.yaml").read_bytes() == before


def test_new_with_a_bad_slug_is_a_usage_error(project: Path) -> None:
    result = glossary(project, "new", "Bias", "--cluster", "foundations", "--slug", "Bad_Slug")
    assert result.returncode == 2
    assert result.stderr == NEW_USAGE + (
        "glossary new: error: 'Bad_Slug' is not a slug (lowercase letters, digits and single hyphens, at most 80"
        " characters); give --slug\n"
    )
    assert unchanged(project)


def test_new_asks_for_a_slug_when_the_title_gives_none(project: Path) -> None:
    result = glossary(project, "new", "???", "--cluster", "foundations")
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == "glossary new: error: cannot make a slug from the title '???'; give --slug"
    assert unchanged(project)


# -- stats -------------------------------------------------------------------------------------------


def test_stats_lists_one_way_relations(project: Path) -> None:
    result = glossary(project, "stats")
    assert (result.returncode, result.stderr) == (0, "")
    report = result.stdout.split("\n\n")
    assert (
        "One-way relations (A lists B as related, B does not list A): 4\n"
        "  artificial-intelligence -> neural-network\n"
        "  artificial-intelligence -> parameter\n"
        "  how-neural-networks-work -> parameter\n"
        "  weights-and-biases -> neural-network"
    ) in report


def test_stats_counts_terms_by_cluster_and_finds_gaps(project: Path) -> None:
    report = glossary(project, "stats").stdout.split("\n\n")
    assert report[0] == "6 terms, 2 clusters, 2 learning paths"
    assert report[1] == (
        "Terms by cluster:\n"
        "  foundations         1  Foundations of AI\n"
        "  neural-networks     5  Neural Networks and Deep Learning"
    )
    assert report[2] == "Terms without a year: 3\n  how-neural-networks-work\n  weights-and-biases\n  hyperparameter"
    assert report[4] == "Orphans (no term links here, on no learning path): 0"
    assert report[-1] == (
        "Longest learning paths (top 5):\n"
        "  how-neural-networks-learn   5 steps  How neural networks learn\n"
        "  tuning                      2 steps  Tuning a model\n"
    )


def test_stats_finds_an_orphan(project: Path) -> None:
    orphan = entry("loner", "Loner", "foundations")
    (project / "glossary.yaml").write_text(SMALL + orphan, encoding="utf-8")
    report = glossary(project, "stats").stdout.split("\n\n")
    assert report[4] == "Orphans (no term links here, on no learning path): 1\n  loner"


# -- export ------------------------------------------------------------------------------------------


def test_export_json_parses(project: Path) -> None:
    pytest.importorskip("glossary_engine.export.formats")
    result = glossary(project, "export", "--format", "json")
    assert (result.returncode, result.stderr) == (0, "")
    document = json.loads(result.stdout)
    assert [t["slug"] for t in document["terms"]][:2] == ["artificial-intelligence", "neural-network"]
    assert document["terms"][0]["url"] == "https://glossary.example.org/terms/artificial-intelligence/"


def test_export_uses_the_base_url_given(project: Path) -> None:
    pytest.importorskip("glossary_engine.export.formats")
    result = glossary(project, "export", "--format", "skos", "--base-url", "https://example.org/ai")
    assert result.returncode == 0
    assert "<https://example.org/ai/terms/parameter/>" in result.stdout


def test_export_csv_writes_the_output_file(project: Path) -> None:
    pytest.importorskip("glossary_engine.export.formats")
    result = glossary(project, "export", "--format", "csv", "--output", "terms.csv")
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
    rows = list(csv.reader(io.StringIO((project / "terms.csv").read_text(encoding="utf-8"))))
    assert [row[0] for row in rows] == ["slug", *SMALL_SLUGS]


def test_export_with_a_bad_base_url_is_a_usage_error(project: Path) -> None:
    result = glossary(project, "export", "--format", "json", "--base-url", "glossary.example.org")
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == (
        "glossary export: error: --base-url: expected an http(s) URL without ? or #, got 'glossary.example.org'"
    )


def test_export_of_a_broken_file_fails_with_its_problems(project: Path) -> None:
    pytest.importorskip("glossary_engine.export.formats")
    result = glossary(broken(project), "export", "--format", "json")
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr.splitlines() == BROKEN_PROBLEMS


def test_new_run_three_times_at_once_keeps_every_term(project: Path) -> None:
    titles = ["Learning rate", "Batch size", "Epoch"]
    runs = [
        subprocess.Popen(
            [*COMMAND, "new", title, "--cluster", "neural-networks"],
            cwd=project,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for title in titles
    ]
    assert [run.wait(timeout=60) for run in runs] == [0, 0, 0]
    slugs = {t.slug for t in parse_glossary((project / "glossary.yaml").read_text(encoding="utf-8")).terms}
    assert {"learning-rate", "batch-size", "epoch"} <= slugs


def test_new_refuses_a_read_only_glossary(project: Path) -> None:
    path = project / "glossary.yaml"
    path.chmod(0o444)
    result = glossary(project, "new", "Learning rate", "--cluster", "neural-networks")
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == f"{path}: not changed: the file is read-only\n"
    assert path.read_text(encoding="utf-8") == SMALL


def test_new_in_a_folder_it_cannot_write_is_a_message(tmp_path_factory: pytest.TempPathFactory) -> None:
    # Root ignores folder permissions; /proc refuses every new file, even root's. A glossary reached
    # through a link into it stands for one in a folder nobody may write to.
    folder = tmp_path_factory.mktemp("elsewhere")
    (folder / "glossary.yaml").symlink_to("/proc/self/cmdline")
    result = glossary(folder, "new", "Learning rate", "--cluster", "neural-networks")
    assert (result.returncode, result.stdout) == (1, "")
    assert re.fullmatch(
        r"glossary\.yaml: not changed: cannot create the lock file /proc/\d+/\.cmdline\.lock: No such file or directory\n",
        result.stderr,
    )
