"""``glossary init DIR``: start a new glossary site on any subject, ready to build and test.

The new project gets a copy of the engine and of the MkDocs wiring (the hook and the theme
overrides) from the checkout this engine runs from, the pinned requirements, and the files in
``scaffold/``: a site config, three example terms, a page, its own test suite, a Makefile, CI and
a README. It is a complete project of its own: its ``make build`` and ``make test`` pass as they
are, and keep passing when the example terms are replaced.
"""

from __future__ import annotations

import datetime
import json
import re
import shutil
import string
from importlib import resources
from pathlib import Path

# Scaffold file -> where it goes in the new project.
SCAFFOLD = {
    "mkdocs.yml": "mkdocs.yml",
    "glossary.yaml": "glossary.yaml",
    "docs/about.md": "docs/about.md",
    "Makefile": "Makefile",
    "pyproject.toml.in": "pyproject.toml",  # not named pyproject.toml: tools would read it as this project's
    "README.md": "README.md",
    "gitignore": ".gitignore",
    "ci-run": ".ci/run",
    "workflow-ci.yml": ".github/workflows/ci.yml",
    "test_glossary.py": "tests/test_glossary.py",
}
# Copied from the checkout as they are: the MkDocs wiring, the pins and the editors' schema.
FROM_CHECKOUT = ("hooks/glossary.py", "overrides", "requirements.lock", "glossary.schema.json")


class InitError(Exception):
    """The project cannot be created; the message says why."""


def checkout() -> Path:
    """The project checkout this engine is installed from (``pip install -e``), with the files a new
    project copies."""
    package = Path(str(resources.files("glossary_engine")))
    root = package.parent.parent
    if package.parent.name != "src" or not all((root / name).exists() for name in FROM_CHECKOUT):
        raise InitError(
            "glossary init copies the engine from a checkout of the project; install the engine with"
            " `pip install -e .` from one (the project's `make serve` or `make test` does)"
        )
    return root


def _package_name(title: str) -> str:
    name = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
    return name or "glossary"


def init(target: Path, title: str, subject: str, today: datetime.date | None = None) -> list[Path]:
    """Create the project in ``target`` (which must be empty or absent); return the files written."""
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise InitError(f"{target} exists and is not an empty folder; choose a new one")
    root = checkout()
    for what, value in (("subject", subject), ("title", title)):
        if any(mark in value for mark in "{}$\\"):
            raise InitError(
                f"the {what} may not contain '{{', '}}', '$' or '\\' (they mean something in the site's templates)"
            )
    description = f"A glossary of {subject}." if subject else "A glossary."
    values = {
        "title": title,
        "subject_or_its_subject": subject or "its subject",
        "description": description,
        "package": _package_name(title),
        "today": (today or datetime.date.today()).isoformat(),
        # Values written into YAML and TOML go in as quoted strings (JSON's are valid in both), so a
        # title such as "Law: basics" or "yes" stays text.
        "title_yaml": json.dumps(title, ensure_ascii=False),
        "subject_yaml": json.dumps(subject, ensure_ascii=False),
        "description_yaml": json.dumps(description, ensure_ascii=False),
        "description_toml": json.dumps(description, ensure_ascii=False),
    }
    written: list[Path] = []
    target.mkdir(parents=True, exist_ok=True)
    scaffold = resources.files("glossary_engine").joinpath("cli", "scaffold")
    for source, destination in SCAFFOLD.items():
        text = scaffold.joinpath(*source.split("/")).read_text(encoding="utf-8")
        if source.endswith((".yml", ".yaml", ".md", ".toml.in")):
            text = string.Template(text).safe_substitute(values)
        path = target / destination
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    (target / ".ci" / "run").chmod(0o755)
    for name in FROM_CHECKOUT:
        source_path, path = root / name, target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if source_path.is_dir():
            shutil.copytree(source_path, path, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source_path, path)
        written.append(path)
    engine = target / "src" / "glossary_engine"
    shutil.copytree(root / "src" / "glossary_engine", engine, ignore=shutil.ignore_patterns("__pycache__"))
    written.append(engine)
    return written
