"""``glossary init``: a new project on another subject builds and passes its own tests, as it is and
after its example terms are replaced."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from glossary_engine.cli.main import main
from test_settings import THREE

VENV = Path(sys.executable).parent.parent


def make(project: Path, target: str) -> subprocess.CompletedProcess[str]:
    """Run ``make TARGET`` in the new project, with this test run's virtualenv but the project's own
    copy of the engine first on the path."""
    stamp = project / ".venv-stamp"
    stamp.touch()
    env = {**os.environ, "PYTHONPATH": str(project / "src")}
    return subprocess.run(
        ["make", target, f"VENV={VENV}", f"STAMP={stamp}"],
        cwd=project,
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=600,
    )


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("start") / "security-glossary"
    assert main(["init", str(folder), "--subject", "Cybersecurity"]) == 0
    return folder


def test_init_writes_a_whole_project(project: Path) -> None:
    for name in (
        "mkdocs.yml", "glossary.yaml", "docs/about.md", "hooks/glossary.py", "overrides/main.html", "Makefile",
        "requirements.lock", "pyproject.toml", "README.md", ".gitignore", ".ci/run", ".github/workflows/ci.yml",
        "tests/test_glossary.py", "src/glossary_engine/__init__.py", "glossary.schema.json",
    ):  # fmt: skip
        assert (project / name).is_file(), name
    assert 'site_name: "Cybersecurity Glossary"\n' in (project / "mkdocs.yml").read_text(encoding="utf-8")
    readme = (project / "README.md").read_text(encoding="utf-8").splitlines()
    assert {"    make build", "    make test"} <= set(readme)
    assert os.access(project / ".ci" / "run", os.X_OK)


def test_the_new_project_builds_and_passes_its_tests(project: Path) -> None:
    tested = make(project, "test")
    assert tested.returncode == 0, tested.stdout + tested.stderr
    assert " passed" in tested.stdout
    built = make(project, "build")
    assert built.returncode == 0, built.stdout + built.stderr
    assert (project / "site" / "terms" / "definition" / "index.html").is_file()


def test_it_still_passes_with_three_terms_of_its_own(project: Path, tmp_path: Path) -> None:
    (project / "glossary.yaml").write_text(THREE, encoding="utf-8")
    tested = make(project, "test")
    assert tested.returncode == 0, tested.stdout + tested.stderr
    page = (project / "site").exists()
    built = make(project, "build")
    assert built.returncode == 0, built.stdout + built.stderr
    assert page and (project / "site" / "terms" / "vulnerability" / "index.html").is_file()
    text = (project / "site" / "timeline" / "index.html").read_text(encoding="utf-8")
    assert "Cybersecurity concepts by the year they were introduced." in text


def test_init_refuses_a_folder_that_is_not_empty(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    assert main(["init", str(tmp_path)]) == 1
    assert capsys.readouterr().err == f"glossary init: {tmp_path} exists and is not an empty folder; choose a new one\n"
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_the_new_projects_workflow_pins_the_same_actions_as_ours(project: Path) -> None:
    ours = set(re.findall(r"uses: (\S+@\S+  # \S+)", (ROOT / ".github/workflows/ci.yml").read_text(encoding="utf-8")))
    theirs = set(re.findall(r"uses: (\S+)", (project / ".github/workflows/ci.yml").read_text(encoding="utf-8")))
    lines = re.findall(r"uses: (\S+@\S+  # \S+)", (project / ".github/workflows/ci.yml").read_text(encoding="utf-8"))
    assert len(lines) == len(re.findall(r"uses: ", (project / ".github/workflows/ci.yml").read_text(encoding="utf-8")))
    assert theirs and set(lines) <= ours


@pytest.mark.parametrize("subject", ["Law: basics", "yes", "C# #1", "- x", "*x", 'say "hi"'])
def test_a_subject_that_means_something_in_yaml_stays_text(tmp_path: Path, subject: str) -> None:
    assert main(["init", str(tmp_path / "site"), "--subject", subject]) == 0
    config = yaml.load((tmp_path / "site" / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_AnyTagLoader)
    assert (config["site_name"], config["extra"]["glossary"]["subject"]) == (f"{subject} Glossary", subject)
    project = tomllib.loads((tmp_path / "site" / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["description"] == f"A glossary of {subject}."


class _AnyTagLoader(yaml.SafeLoader):
    """Reads mkdocs.yml with its !ENV tag."""


_AnyTagLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


def test_init_refuses_template_syntax_in_the_subject(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["init", str(tmp_path / "site"), "--subject", "{{ config }}"]) == 1
    assert "the subject may not contain '{', '}', '$' or '\\'" in capsys.readouterr().err
    assert not (tmp_path / "site").exists()
