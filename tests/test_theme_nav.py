"""Material's nav is drawn once per folder for the pages it does not list (the hook's
_draw_nav_once_per_folder): every page must carry exactly the nav Material draws for it."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.commands.build import build

from conftest import DEFAULT_NAV, make_project, project_config
from test_incremental import _differences, _write, medium_glossary

DOCS = {
    # Not in the nav, at the depth of the term pages but in another folder: its relative links differ.
    "notes/aside.md": "# Aside\n\nA page outside the nav.\n",
    # In the nav, under a term page's address: that term page's links to it are its own.
    "terms/term-01/more.md": "# More on term 01\n\nA page in the nav, below a term page.\n",
}
NAV = [*DEFAULT_NAV, {"More": "terms/term-01/more.md"}]


def _site(root: Path, monkeypatch: pytest.MonkeyPatch, *, once: bool) -> Path:
    make_project(root, docs=DOCS)
    _write(root, medium_glossary(seed=9, count=30, clusters=4))
    config = project_config(root, NAV, not_in_nav="notes/aside.md")
    if not once:
        hook = config.plugins["hooks/glossary.py"]
        monkeypatch.setattr(hook, "_draw_nav_once_per_folder", lambda env, nav: None)
    build(config)
    return root / "site"


@pytest.mark.usefixtures("fixed_dates")
def test_pages_carry_the_nav_material_draws_for_each(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    once = _site(tmp_path / "once", monkeypatch, once=True)
    every = _site(tmp_path / "every", monkeypatch, once=False)
    assert _differences(once, every) == []
    # The cases the folder key has to tell apart are there: a term page links the page below it as
    # "more/", the others as "../term-01/more/"; the aside links the home page as "../../".
    assert 'href="more/"' in (once / "terms" / "term-01" / "index.html").read_text(encoding="utf-8")
    assert 'href="../term-01/more/"' in (once / "terms" / "term-02" / "index.html").read_text(encoding="utf-8")
    assert 'href="../.."' in (once / "notes" / "aside" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(("plugins", "drawn_once"), [((), True), (("tags",), False)])
def test_the_nav_is_drawn_once_only_beside_known_plugins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, plugins: tuple[str, ...], drawn_once: bool
) -> None:
    """Another plugin (Material's blog, say) may change what the nav shows from page to page."""
    make_project(tmp_path, plugins=plugins)
    _write(tmp_path, medium_glossary(seed=9, count=12, clusters=2))
    config = project_config(tmp_path)
    hook = config.plugins["hooks/glossary.py"]
    calls: list[object] = []
    monkeypatch.setattr(hook, "_draw_nav_once_per_folder", lambda env, nav: calls.append(nav))
    build(config)
    assert bool(calls) is drawn_once
    assert (tmp_path / "site" / "terms" / "term-05" / "index.html").is_file()
