"""Baselines for the benchmark: the same site as hand-written pages, built by plain MkDocs + Material.

The pages are what our hook generates, written to disk as real files: the hook's own ``on_config``
and ``on_files`` run once, in this process, on our project; every page it adds is saved under
``docs/`` as the Markdown a person would write for it (``handwritten.py``), and every other file
(stylesheet, script, exports, forwarding pages) as it is. Concept maps,
which our build puts into the finished HTML, stay out (their empty slot stays), unless ``maps`` is
set: then each is written into its page's Markdown as inline SVG. The config is our
project's ``mkdocs.yml`` without the hook and without mkdocs-macros, with the nav, stylesheets and
scripts the hook would set: same theme and overrides, markdown extensions, search settings,
validation and ``strict``. The baselines skip what only our build does: loading and validating the
glossary, generating pages, and sanitizing their HTML. Two flavours:

- ``not_in_nav``: the pages our hook keeps out of the nav stay out (MkDocs ``not_in_nav``), as in our build;
- ``in_nav``: as ``not_in_nav``, but every term page is listed in the nav, in the A–Z index's section,
  so every page carries a link to every term.
"""

from __future__ import annotations

import argparse
import gc
import posixpath
import shutil
from pathlib import Path
from typing import Any

import yaml
from handwritten import hand_written_pages
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, InclusionLevel, get_files
from mkdocs.utils.yaml import yaml_load

from glossary_engine import GlossaryIndex, load_glossary, urls
from glossary_engine.render.finish import add_maps

FLAVOURS = ("not_in_nav", "in_nav")


def _hook_output(project: Path) -> tuple[MkDocsConfig, list[File]]:
    """Our project's config after the plugins' ``on_config``, and every file the hook generates."""
    config = load_config(str(project / "mkdocs.yml"))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        config = config.plugins.on_config(config)
        files = config.plugins.on_files(get_files(config), config=config)
    finally:
        config.plugins.on_shutdown()
        gc.unfreeze()  # the hook freezes the glossary for its build and unfreezes it in on_post_build
    return config, [file for file in files if file.generated_by is not None]


def _engine_page(file: File, config: MkDocsConfig) -> str:
    """A page with no hand-written counterpart in ``handwritten.py`` (the learning loop's what's-new page
    and self-checks): the engine's own HTML as the page's Markdown, under its title, as a site owner
    copying it by hand would write it."""
    page: Any = file.page
    page.read_now(config)
    page.render(config, None)
    meta = {key: value for key, value in page.meta.items() if key in ("title", "description")}
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n\n" + page.content + "\n"


def _out_of_nav(file: File) -> bool:
    return file.inclusion in (InclusionLevel.NOT_IN_NAV, InclusionLevel.DRAFT, InclusionLevel.EXCLUDED)


def _not_in_nav(pages: list[File]) -> str:
    """Gitignore-style patterns for the pages out of the nav: a pattern per folder, not per page."""
    out = {posixpath.dirname(p.src_uri) for p in pages if _out_of_nav(p)}
    patterns = [f"/{folder}/*.md" if folder else "/*.md" for folder in sorted(out)]
    patterns += [f"!/{p.src_uri}" for p in pages if not _out_of_nav(p) and posixpath.dirname(p.src_uri) in out]
    return "\n".join(patterns) + "\n"


def _terms_in_nav(nav: list[Any], terms: list[str]) -> list[Any]:
    """The nav with every term page listed in the A–Z index's section."""
    return [
        {title: [urls.A_TO_Z, *terms]} if target == urls.A_TO_Z else {title: target}
        for item in nav
        for title, target in item.items()
    ]


def make_baseline(folder: Path, project: Path, flavour: str, *, maps: bool = False) -> None:
    """A plain MkDocs + Material project in ``folder`` with the pages our hook makes for ``project``."""
    if flavour not in FLAVOURS:
        raise ValueError(f"unknown baseline flavour {flavour!r}; expected one of {FLAVOURS}")
    config, generated = _hook_output(project)
    index = GlossaryIndex.build(load_glossary(project / "glossary.yaml"))
    base_url = config.site_url or "https://glossary.example.org/"
    written = dict(hand_written_pages(index, base_url if base_url.endswith("/") else base_url + "/", config.site_name))
    docs = folder / "docs"
    shutil.copytree(config.docs_dir, docs)
    for file in generated:
        target = docs / file.src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        if file.is_documentation_page():
            markdown = written.get(file.src_uri) or _engine_page(file, config)
            markdown = add_maps(index, file.src_uri, markdown) if maps else markdown
            target.write_text(markdown, encoding="utf-8")
        else:
            target.write_bytes(file.content_bytes)

    with open(project / "mkdocs.yml", encoding="utf-8") as stream:
        plain = yaml_load(stream)
    plain.pop("hooks", None)
    plain["plugins"] = [p for p in plain["plugins"] if p != "macros" and not (isinstance(p, dict) and "macros" in p)]
    # Our site's search is the hook's own index; a hand-made site's is Material's search plugin.
    plain["plugins"].insert(0, "search")
    plain["extra_css"] = list(config.extra_css)
    plain["extra_javascript"] = [getattr(script, "path", script) for script in config.extra_javascript]
    pages = [file for file in generated if file.is_documentation_page()]
    nav = config.nav or []
    if flavour == "in_nav":
        terms = sorted(p.src_uri for p in pages if p.src_uri.startswith("terms/") and p.src_uri != urls.A_TO_Z)
        nav = _terms_in_nav(nav, terms)
        pages = [p for p in pages if p.src_uri not in terms]
    plain["nav"] = nav
    plain["not_in_nav"] = _not_in_nav(pages)
    (folder / "mkdocs.yml").write_text(yaml.safe_dump(plain, allow_unicode=True, sort_keys=False), encoding="utf-8")
    theme_dir = plain["theme"].get("custom_dir")
    if theme_dir:
        shutil.copytree(project / theme_dir, folder / theme_dir, ignore=shutil.ignore_patterns("__pycache__"))


def main() -> None:
    """Make a baseline project in a fresh process, so that it imports the engine as it is now."""
    parser = argparse.ArgumentParser(description=make_baseline.__doc__)
    parser.add_argument("folder", type=Path)
    parser.add_argument("project", type=Path)
    parser.add_argument("flavour", choices=FLAVOURS)
    parser.add_argument("--maps", action="store_true", help="write the concept maps into the Markdown")
    args = parser.parse_args()
    make_baseline(args.folder, args.project, args.flavour, maps=args.maps)


if __name__ == "__main__":
    main()
