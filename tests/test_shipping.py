"""Shipping: the CI and Pages workflow, the commit hooks, yamllint and the editors' guide.

The workflow cannot run here, so its tests read it as data and check the steps that matter; the one
piece of shell that computes SITE_URL is run for real. Tools that are not installed are skipped with
the reason, except under CI=true, where a missing tool is a failure.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shlex
import shutil
import subprocess
import sys
import tomllib
from importlib.util import find_spec
from pathlib import Path
from typing import Any

import pytest
import yaml
from mkdocs.config import load_config

from conftest import ROOT, Site
from glossary_engine.cli.main import main as glossary
from glossary_engine.settings import FULL_CAP, PATH_STEPS, RELATED, Standard

WORKFLOWS = ROOT / ".github" / "workflows"
PRE_COMMIT = ROOT / ".pre-commit-config.yaml"
YAMLLINT_CONFIG = ROOT / ".yamllint.yaml"
GUIDE = ROOT / "docs" / "editing.md"
# What yamllint must accept with the project config: every YAML file the project writes by hand.
LINTED_YAML = ("glossary.yaml", "mkdocs.yml", ".github/workflows", ".pre-commit-config.yaml", ".yamllint.yaml")
README = ROOT / "README.md"
# An action is pinned to the full commit of a release, with the release in a comment:
# `uses: owner/name@<40 hex digits>  # v1.2.3`. A tag can be moved; a commit cannot.
SHA_PIN = re.compile(r"^\s*(?:- )?uses: [\w.-]+/[\w.-]+@[0-9a-f]{40} +# v\d+\.\d+\.\d+$")


def require(reason: str) -> None:
    """Skip for a missing tool, or fail under CI=true, where nothing may be skipped."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI=true: nothing may be skipped)")
    pytest.skip(reason)


def load_workflow(name: str) -> dict[Any, Any]:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    assert isinstance(data, dict), name
    return data


def triggers(workflow: dict[Any, Any]) -> dict[str, Any]:
    # YAML 1.1, which PyYAML reads, takes the key `on` for the boolean true; GitHub reads it as "on".
    value = workflow.get("on", workflow.get(True))
    assert isinstance(value, dict)
    return value


def all_jobs() -> list[tuple[str, str, dict[str, Any]]]:
    """(workflow file, job id, job) for every job of every workflow."""
    found = []
    for path in sorted(WORKFLOWS.glob("*.y*ml")):
        for job_id, job in load_workflow(path.name)["jobs"].items():
            found.append((path.name, job_id, job))
    return found


def steps_running(job: dict[str, Any], command: str) -> list[int]:
    """Indexes of the steps whose `run` script contains ``command``."""
    return [i for i, step in enumerate(job["steps"]) if command in step.get("run", "")]


def step_using(job: dict[str, Any], action: str) -> int:
    """Index of the one step that uses ``action`` (owner/name, any version)."""
    found = [i for i, step in enumerate(job["steps"]) if step.get("uses", "").split("@")[0] == action]
    assert len(found) == 1, f"expected one step using {action}, found {len(found)}"
    return found[0]


@pytest.fixture(scope="module")
def ci() -> dict[Any, Any]:
    return load_workflow("ci.yml")


@pytest.fixture(scope="module")
def test_job(ci: dict[Any, Any]) -> dict[str, Any]:
    jobs = [job for job in ci["jobs"].values() if steps_running(job, "make test")]
    assert len(jobs) == 1
    return jobs[0]


@pytest.fixture(scope="module")
def deploy_job() -> dict[str, Any]:
    jobs = [
        job
        for _, _, job in all_jobs()
        if any(s.get("uses", "").startswith("actions/deploy-pages@") for s in job["steps"])
    ]
    assert len(jobs) == 1, "expected one job that deploys to GitHub Pages"
    return jobs[0]


# -- CI ----------------------------------------------------------------------------------------------


def test_every_workflow_parses_as_a_mapping_with_jobs() -> None:
    paths = sorted(WORKFLOWS.glob("*.y*ml"))
    assert [p.name for p in paths if p.name == "ci.yml"] == ["ci.yml"]
    for path in paths:
        assert load_workflow(path.name)["jobs"], path.name


def test_ci_runs_on_pull_requests_and_pushes_to_main(ci: dict[Any, Any]) -> None:
    on = triggers(ci)
    assert "pull_request" in on
    assert on["push"]["branches"] == ["main"]


def test_ci_sets_up_python_3_11_with_a_pip_cache_keyed_on_the_lock(test_job: dict[str, Any]) -> None:
    setup = test_job["steps"][step_using(test_job, "actions/setup-python")]["with"]
    assert str(setup["python-version"]) == "3.11"
    assert setup["cache"] == "pip"
    assert "requirements.lock" in setup["cache-dependency-path"].split()


def test_ci_checks_out_before_anything_else(test_job: dict[str, Any]) -> None:
    assert step_using(test_job, "actions/checkout") == 0


def test_ci_installs_chromium_before_the_tests(test_job: dict[str, Any]) -> None:
    installs = [i for i in steps_running(test_job, "apt-get install") if "chromium" in test_job["steps"][i]["run"]]
    assert installs
    assert installs[0] < steps_running(test_job, "make test")[0]


def test_ci_runs_make_test_with_ci_true(test_job: dict[str, Any]) -> None:
    (index,) = steps_running(test_job, "make test")
    step = test_job["steps"][index]
    assert str(step.get("env", {}).get("CI", "")) == "true" or "CI=true" in step["run"]


def test_ci_runs_the_strict_build_after_the_tests(test_job: dict[str, Any]) -> None:
    builds = steps_running(test_job, "make build")
    assert builds and builds[0] > steps_running(test_job, "make test")[0]
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    build_target = makefile.split("\nbuild:", 1)[1].split("\n\n", 1)[0]
    assert "mkdocs build --strict" in build_target


def workflow_uses_lines() -> list[str]:
    """Every `uses:` line of every workflow, as written: the version comment is only in the text."""
    return [
        line
        for path in sorted(WORKFLOWS.glob("*.y*ml"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if re.match(r"^\s*(- )?uses:", line)
    ]


def test_every_action_is_pinned_to_a_commit_with_its_version_in_a_comment() -> None:
    lines = workflow_uses_lines()
    uses = [step["uses"] for _, _, job in all_jobs() for step in job["steps"] if "uses" in step]
    assert uses and len(lines) == len(uses)  # no `uses` written in a form the pattern does not see
    assert [line.strip() for line in lines if not SHA_PIN.match(line)] == []


def test_an_action_used_twice_has_one_pin() -> None:
    pins: dict[str, set[str]] = {}
    for line in workflow_uses_lines():
        action, _, pin = line.split("uses:", 1)[1].strip().partition("@")
        pins.setdefault(action, set()).add(pin)
    assert {action: sorted(found) for action, found in pins.items() if len(found) > 1} == {}


def test_ci_builds_the_site_with_properdocs_after_the_tests(test_job: dict[str, Any]) -> None:
    builds = steps_running(test_job, "make properdocs")
    assert builds and builds[0] > steps_running(test_job, "make test")[0]
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    target = makefile.split("\nproperdocs:", 1)[1].split("\n\n", 1)[0]
    assert "properdocs build --strict" in target


# -- Pages deploy ------------------------------------------------------------------------------------


def test_deploy_runs_only_for_main_and_only_after_the_tests(ci: dict[Any, Any], deploy_job: dict[str, Any]) -> None:
    assert "refs/heads/main" in deploy_job["if"]
    assert "pull_request" in deploy_job["if"]
    test_ids = [job_id for job_id, job in ci["jobs"].items() if steps_running(job, "make test")]
    needs = deploy_job["needs"]
    assert set(test_ids) <= set([needs] if isinstance(needs, str) else needs)


def test_deploy_has_pages_permissions_and_one_deployment_at_a_time(deploy_job: dict[str, Any]) -> None:
    assert deploy_job["permissions"]["pages"] == "write"
    assert deploy_job["permissions"]["id-token"] == "write"
    assert deploy_job["concurrency"]["cancel-in-progress"] is False
    assert deploy_job["environment"]["name"] == "github-pages"


def test_deploy_builds_strictly_then_uploads_site_then_deploys(deploy_job: dict[str, Any]) -> None:
    configure = step_using(deploy_job, "actions/configure-pages")
    (build,) = steps_running(deploy_job, "make build")
    upload = step_using(deploy_job, "actions/upload-pages-artifact")
    deploy = step_using(deploy_job, "actions/deploy-pages")
    assert configure < build < upload < deploy
    assert deploy_job["steps"][upload]["with"]["path"].rstrip("/") == "site"


def site_url_step(job: dict[str, Any]) -> tuple[int, dict[str, Any]]:
    found = [(i, s) for i, s in enumerate(job["steps"]) if "SITE_URL=" in s.get("run", "")]
    assert len(found) == 1, "expected one step that sets SITE_URL"
    return found[0]


def test_deploy_takes_site_url_from_configure_pages_before_building(deploy_job: dict[str, Any]) -> None:
    pages_id = deploy_job["steps"][step_using(deploy_job, "actions/configure-pages")]["id"]
    index, step = site_url_step(deploy_job)
    assert f"steps.{pages_id}.outputs.base_url" in yaml.safe_dump(step)
    assert index < steps_running(deploy_job, "make build")[0]


@pytest.mark.parametrize(
    ("base_url", "site_url"),
    [
        ("https://octocat.github.io/ai-glossary", "https://octocat.github.io/ai-glossary/"),
        ("https://octocat.github.io/ai-glossary/", "https://octocat.github.io/ai-glossary/"),
        ("https://glossary.example.com", "https://glossary.example.com/"),
    ],
)
def test_deploy_site_url_ends_in_exactly_one_slash(
    deploy_job: dict[str, Any], tmp_path: Path, base_url: str, site_url: str
) -> None:
    """Run the step's own shell, as Actions would, with configure-pages' output in its place."""
    if shutil.which("bash") is None:
        require("bash not found")
    _, step = site_url_step(deploy_job)
    env = {
        name: base_url if "outputs.base_url" in str(value) else str(value)
        for name, value in step.get("env", {}).items()
    }
    github_env = tmp_path / "github_env"
    github_env.touch()
    subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
        env={"PATH": os.environ["PATH"], "GITHUB_ENV": str(github_env), **env},
        check=True,
    )
    assert github_env.read_text(encoding="utf-8").splitlines() == [f"SITE_URL={site_url}"]


def test_mkdocs_takes_site_url_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SITE_URL", "https://octocat.github.io/ai-glossary/")
    config = load_config(config_file=str(ROOT / "mkdocs.yml"))
    assert config.site_url == "https://octocat.github.io/ai-glossary/"


# -- pre-commit --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hooks() -> dict[str, dict[str, Any]]:
    config = yaml.safe_load(PRE_COMMIT.read_text(encoding="utf-8"))
    found = {}
    for repo in config["repos"]:
        assert repo["repo"] == "local", "hooks use the project's own pinned tools"
        for hook in repo["hooks"]:
            found[hook["id"]] = hook
    return found


def test_pre_commit_has_the_glossary_ruff_and_yamllint_hooks(hooks: dict[str, dict[str, Any]]) -> None:
    assert set(hooks) == {"glossary-check", "ruff", "yamllint"}
    assert {hook["language"] for hook in hooks.values()} == {"system"}


def test_glossary_hook_runs_only_when_glossary_yaml_changes(hooks: dict[str, dict[str, Any]]) -> None:
    hook = hooks["glossary-check"]
    assert shlex.split(hook["entry"])[1:] == ["check"]
    assert hook["pass_filenames"] is False
    pattern = re.compile(hook["files"])
    assert pattern.search("glossary.yaml")
    assert not pattern.search("tests/data/small.yaml")
    assert not pattern.search("glossary.schema.json")


def test_ruff_and_yamllint_hooks_see_python_and_yaml_files(hooks: dict[str, dict[str, Any]]) -> None:
    assert "python" in hooks["ruff"]["types_or"]
    assert hooks["yamllint"]["types"] == ["yaml"]


def test_glossary_is_a_console_script_of_the_project() -> None:
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    assert scripts["glossary"] == "glossary_engine.cli.main:main"


# Each hook run as pre-commit would run it, from the repository root, on a file it is meant for.
HOOK_RUNS = {"glossary-check": [], "ruff": ["tests/test_shipping.py"], "yamllint": ["mkdocs.yml"]}


@pytest.mark.parametrize("hook_id", sorted(HOOK_RUNS))
def test_pre_commit_hook_entry_exists_and_passes(hooks: dict[str, dict[str, Any]], hook_id: str) -> None:
    command = shlex.split(hooks[hook_id]["entry"])
    executable = ROOT / command[0] if "/" in command[0] else shutil.which(command[0])
    if executable is None or not Path(executable).is_file():
        require(f"{command[0]} not found: run `make setup` (yamllint needs the test extras of requirements.lock)")
    result = subprocess.run(
        [str(executable), *command[1:], *HOOK_RUNS[hook_id]], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


# -- yamllint ----------------------------------------------------------------------------------------


def require_yamllint() -> None:
    if find_spec("yamllint") is None:
        require("yamllint is not installed: add it to the test extras and requirements.lock")


def test_yamllint_passes_on_the_project_yaml() -> None:
    require_yamllint()
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "yamllint",
            "--strict",
            "--format",
            "parsable",
            "-c",
            str(YAMLLINT_CONFIG),
            *LINTED_YAML,
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_yamllint_config_still_reports_real_mistakes() -> None:
    require_yamllint()
    from yamllint import linter
    from yamllint.config import YamlLintConfig

    config = YamlLintConfig(file=str(YAMLLINT_CONFIG))
    text = "name: CI\nname: again\nsteps:\n  - run:  make test\n"
    rules = sorted({p.rule for p in linter.run(text, config, filepath=".github/workflows/ci.yml")})
    assert rules == ["colons", "key-duplicates"]


@pytest.mark.content
def test_yamllint_accepts_a_term_written_by_glossary_new(tmp_path: Path) -> None:
    require_yamllint()
    from yamllint import linter
    from yamllint.config import YamlLintConfig

    target = tmp_path / "glossary.yaml"
    shutil.copy(ROOT / "glossary.yaml", target)
    with contextlib.redirect_stdout(io.StringIO()):
        assert glossary(["new", "A Fresh Term", "--cluster", "training", "--file", str(target)]) == 0
    config = YamlLintConfig(file=str(YAMLLINT_CONFIG))
    problems = list(linter.run(target.read_text(encoding="utf-8"), config, filepath="glossary.yaml"))
    assert [str(p) for p in problems] == []


# -- README ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["make serve", "make build", "make test"])
def test_readme_shows_the_command_on_a_line_of_its_own(command: str) -> None:
    lines = [line.strip() for line in README.read_text(encoding="utf-8").splitlines()]
    assert command in lines


def test_readme_names_what_make_test_needs_from_the_system() -> None:
    text = " ".join(README.read_text(encoding="utf-8").split())
    for need in ("Python 3.11+", "`make`", "`git`", "Chromium", "Node.js", "npm", "CI=true", ".ci/run"):
        assert need in text, need


# -- the editors' guide ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "section",
    [
        "add-a-term-in-a-minute",
        "completion-and-checking-while-you-type",
        "renaming-a-term",
        "add-a-learning-path",
        "the-content-standard",
        "statistics-and-exports",
        "deploy",
    ],
)
def test_editors_guide_has_the_section(real_site: Site, section: str) -> None:
    assert f'id="{section}"' in real_site.html("editing/")


def test_deploy_instructions_copy_site_with_links_followed() -> None:
    """`site` is a link to the current build in .sites/: a copy that keeps the link uploads nothing."""
    for path in (README, GUIDE):
        copies = [
            line.strip()
            for line in path.read_text(encoding="utf-8").splitlines()
            if re.search(r"\b(rsync|cp)\b.* site/", line)
        ]
        assert copies, path.name
        assert [c for c in copies if not re.search(r"(rsync|cp) -\w*L", c)] == [], path.name


def test_deploy_instructions_say_to_choose_github_actions_as_the_pages_source() -> None:
    for path in (README, GUIDE):
        text = " ".join(path.read_text(encoding="utf-8").split())
        assert "Settings → Pages" in text, path.name
        assert re.search(r"Source\W+to\W+GitHub Actions", text), path.name


def test_editors_guide_states_the_rules_the_lint_enforces(real_site: Site) -> None:
    page = real_site.html("editing/")
    standard = Standard()
    assert f"at most {standard.short_max} characters" in page
    assert "{}–{} words".format(*standard.explanation_words) in page
    assert "lists {}–{} terms".format(*RELATED) in page
    assert "{}–{} steps".format(*PATH_STEPS) in page
    assert f"the {FULL_CAP} terms with the highest" in page
    assert "with {}–{} questions".format(*standard.questions) in page


@pytest.mark.content
def test_editors_guide_shows_the_schema_line_of_glossary_yaml() -> None:
    first_line = (ROOT / "glossary.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=./glossary.schema.json"
    assert first_line in GUIDE.read_text(encoding="utf-8")


def unnumbered(text: str) -> str:
    """Text with the line numbers of ``glossary.yaml:LINE:`` dropped: they move as the glossary grows."""
    return re.sub(r"glossary\.yaml:\d+(:\d+)?:", "glossary.yaml:N:", text)


@pytest.fixture(scope="module")
def added_term(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    """The guide's example run on a copy of the real glossary: (what `new` printed, what `check` printed)."""
    root = tmp_path_factory.mktemp("new-term")
    shutil.copy(ROOT / "glossary.yaml", root / "glossary.yaml")
    added, checked = io.StringIO(), io.StringIO()
    cwd = Path.cwd()
    os.chdir(root)  # the guide runs the commands from the repository root, with the default --file
    try:
        with contextlib.redirect_stdout(added):
            assert glossary(["new", "Cosine Annealing", "--cluster", "training"]) == 0
        with contextlib.redirect_stderr(checked), contextlib.redirect_stdout(io.StringIO()):
            assert glossary(["check"]) == 1
    finally:
        os.chdir(cwd)
    return added.getvalue(), checked.getvalue()


def test_editors_guide_shows_what_glossary_new_really_prints(added_term: tuple[str, str]) -> None:
    printed, _ = added_term
    assert unnumbered(printed.strip()) in unnumbered(GUIDE.read_text(encoding="utf-8"))


def test_editors_guide_shows_what_glossary_check_really_finds_in_a_new_term(added_term: tuple[str, str]) -> None:
    _, findings = added_term
    guide = unnumbered(GUIDE.read_text(encoding="utf-8"))
    block = "\n".join(" " * 4 + line for line in unnumbered(findings).strip().splitlines())
    assert block in guide
