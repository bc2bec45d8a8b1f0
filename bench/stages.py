"""Where a profiled build spends its time, by stage: cumulative seconds of the functions that do each job.

Stages nest (the hook's ``on_files`` contains the page generation), so shares do not add up to 100 %.
"""

from __future__ import annotations

import pstats

# (indent, label, file path suffix, function name)
STAGES: tuple[tuple[int, str, str, str], ...] = (
    (0, "load config (mkdocs.yml, plugins, hook import)", "mkdocs/config/base.py", "load_config"),
    (0, "hook on_config: load + validate + index", "hooks/glossary.py", "on_config"),
    (1, "load + validate glossary.yaml", "glossary_engine/load/loader.py", "load_glossary"),
    (1, "GlossaryIndex.build", "glossary_engine/model/index.py", "build"),
    (0, "hook on_files: generate pages, exports", "hooks/glossary.py", "on_files"),
    (1, "term_page (Markdown of term pages)", "glossary_engine/render/pages.py", "term_page"),
    (2, "with_first_mentions_linked (autolink)", "glossary_engine/render/pages.py", "with_first_mentions_linked"),
    (1, "File.generated", "mkdocs/structure/files.py", "generated"),
    (1, "exports.to_json", "glossary_engine/export/formats.py", "to_json"),
    (1, "exports.to_skos", "glossary_engine/export/formats.py", "to_skos"),
    (1, "exports.to_csv", "glossary_engine/export/formats.py", "to_csv"),
    (0, "navigation (get_navigation)", "mkdocs/structure/nav.py", "get_navigation"),
    (0, "populate pages (read + Markdown + on_page_*)", "mkdocs/commands/build.py", "_populate_page"),
    (1, "Page.read_source (front matter YAML)", "mkdocs/structure/pages.py", "read_source"),
    (1, "mkdocs-macros on_page_markdown", "mkdocs_macros/plugin.py", "on_page_markdown"),
    (1, "Page.render (Python-Markdown)", "mkdocs/structure/pages.py", "render"),
    (1, "hook on_page_content: clean_html (nh3)", "glossary_engine/render/sanitize.py", "clean_html"),
    (0, "copy static files (theme assets)", "mkdocs/structure/files.py", "copy_static_files"),
    (0, "build pages (template + write)", "mkdocs/commands/build.py", "_build_page"),
    (1, "get_context", "mkdocs/commands/build.py", "get_context"),
    (1, "search on_page_context (index a page)", "material/plugins/search/plugin.py", "on_page_context"),
    (1, "Template.render (Jinja: Material's main.html)", "jinja2/environment.py", "render"),
    (2, "Material nav (partials/nav.html)", "material/templates/partials/nav.html", "root"),
    (1, "hook on_post_page: add_maps", "glossary_engine/render/finish.py", "add_maps"),
    (2, "term_map (concept-map SVG)", "glossary_engine/render/conceptmap.py", "term_map"),
    (2, "glossary_map", "glossary_engine/render/conceptmap.py", "glossary_map"),
    (1, "write_file", "mkdocs/utils/__init__.py", "write_file"),
    (0, "theme templates (404, sitemap)", "mkdocs/commands/build.py", "_build_theme_template"),
    (0, "search on_post_build (write the index)", "material/plugins/search/plugin.py", "on_post_build"),
    (0, "mkdocs-macros on_post_build", "mkdocs_macros/plugin.py", "on_post_build"),
)


def cumulative(stats: pstats.Stats, path: str, name: str) -> tuple[float, int]:
    """Cumulative seconds and primitive calls of every function ``name`` in a file ending in ``path``."""
    seconds, calls = 0.0, 0
    for (filename, _, function), (primitive, _, _, cum, _) in stats.stats.items():  # type: ignore[attr-defined]
        if function == name and filename.replace("\\", "/").endswith(path):
            seconds += cum
            calls += primitive
    return seconds, calls


def print_stages(stats: pstats.Stats, total: float) -> None:
    """A table of stages: cumulative seconds, share of the profiled total, and calls."""
    print(f"{'stage (cumulative, nested)':<58} {'seconds':>8} {'share':>6} {'calls':>7}")
    for depth, label, path, name in STAGES:
        seconds, calls = cumulative(stats, path, name)
        if calls:
            print(f"{'  ' * depth + label:<58} {seconds:>8.2f} {seconds / total:>6.1%} {calls:>7}")
