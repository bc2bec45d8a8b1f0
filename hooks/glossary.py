"""MkDocs hooks: wire build events to the glossary engine, and nothing else.

on_config loads and validates glossary.yaml (a bad file stops the build before the old site is
touched), fills the nav and registers the macros; on_files adds the generated pages; on_post_build
writes the search index (hand-written pages are in it, so it waits for their content); on_serve
watches glossary.yaml. State lives in ``_build``, replaced by every on_config, so a rebuild under
``mkdocs serve`` never sees the previous build's glossary.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import logging
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import jinja2
import mkdocs.commands.build as mkdocs_build
from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from glossary_engine import (
    GlossaryError,
    GlossaryIndex,
    GlossaryMacros,
    UnknownName,
    expand_nav,
    generated_pages,
    in_nav_only_by_index,
    load_glossary,
    urls,
)
from glossary_engine.export import api
from glossary_engine.export.formats import usable_base_url
from glossary_engine.memo import PIECES
from glossary_engine.render import hover, overviews, session, share, site, store
from glossary_engine.render.finish import add_maps, compact
from glossary_engine.render.learning import add_widgets
from glossary_engine.render.macros import BadCall, failure_lines
from glossary_engine.render.markup import Rendered
from glossary_engine.render.nav import clusters_in_nav
from glossary_engine.render.search import SearchDoc, glossary_docs, page_doc, search_files
from glossary_engine.render.site import asset_files, data_files
from glossary_engine.render.templates import Templates
from glossary_engine.settings import Settings, SettingsError, settings_from

PROGRESS_EVERY = 500
log = get_plugin_logger(__name__)


@dataclass
class _Build:
    """What one build knows: the glossary and the macro failures met so far, by page."""

    index: GlossaryIndex
    root: str
    started: float
    templates: Templates
    settings: Settings
    first: bool  # the first build of the project in this process: not a rebuild under mkdocs serve
    pages_done: int = 0
    progress_shown: int = 0  # the page count the last progress line gave
    macro_failures: dict[str, list[UnknownName]] = field(default_factory=dict)
    page_store: store.PageStore | None = None
    nav: Navigation | None = None
    env: jinja2.Environment | None = None
    context: Any = None
    pages: list[_GeneratedPage] = field(default_factory=list)
    report: store.BuildReport = field(default_factory=store.BuildReport)
    hand_written: list[SearchDoc] = field(default_factory=list)
    dirty: bool = False  # the site folder was not emptied first (mkdocs serve --dirty)
    site_dir: str = ""
    glossary_key: str | None = None  # what the whole glossary is (store.glossary_key), made once in on_files
    files: Files | None = None
    markdown_key: str | None = None  # what hand-written pages are rendered under (_render_remembered)
    macros: GlossaryMacros | None = None  # the macros registered with mkdocs-macros
    macros_plugin: Any = None  # mkdocs-macros, which keeps a copy of the last page it saw
    chrome: str | None = None  # what every page's theme chrome is (store.chrome_key), made in on_env
    may_share: bool = False  # a one-off build whose pages two processes may draw (decided in on_files)
    sharing: share.Sharing | None = None  # the pages being drawn with a second process (_share_pages)
    shared: list[_GeneratedPage] = field(default_factory=list)  # those pages, by job
    last_src: str | None = None  # the last page MkDocs draws: before its anchors are checked, the worker's are in
    skipped: set[str] = field(default_factory=set)  # pages the worker wrote: MkDocs need not say it skipped them
    exports: set[str] | None = None  # the search index and API files, once written (by the worker, if any)
    progress: bool = True  # whether to log every PROGRESS_EVERY pages (not in the worker: its count is partial)


_build: _Build | None = None
NO_MACROS = {"render_macros": False}
"""A generated page's content is HTML the engine made: mkdocs-macros has nothing to render in it."""
STORED_TEMPLATE = "glossary-stored-page.html"
"""The template of a page whose final HTML comes from the page store: our on_post_page puts it in."""


class _GeneratedPage(Page):
    """A page the glossary renders itself: its HTML, table of contents and front matter come from the
    engine, with no Markdown pass (MkDocs lets a plugin set ``File.page`` to a ``Page`` subclass)."""

    def __init__(self, file: File, config: MkDocsConfig, render: Callable[[], Rendered]) -> None:
        super().__init__(None, file, config)
        self._render = render
        self._rendered: Rendered | None = None
        self.content_key: str | None = None  # what the content is, for the page store (None: never stored)
        self.page_key: str | None = None  # the key of its final HTML in the page store
        self.shows: tuple[str, ...] | None = None  # a term page's: the terms it shows (its hover slots')
        self.stored = False  # the final HTML comes from the store
        self.pending = False  # not rendered yet: its final HTML may be in the store (see on_env)
        self.may_wait = True  # whether read_source may leave it pending (not once on_env found no final page)
        self.job: int | None = None  # its place among the pages shared with a worker process, if it is
        self.drawn_here: bool | None = None  # a shared page: drawn by this process (True) or the worker (False)
        self.own_template: str | None = None  # a shared page's template, while it stands in for the worker's

    def _set_canonical_url(self, base: str | None) -> None:
        """As MkDocs sets it (``urls.join`` gives the same URLs), at a tenth of the cost: it is a
        quarter of what making 11,000 page objects costs a rebuild at 10,000 terms."""
        if base:
            self.canonical_url, self.abs_url = urls.join(base, self.url)
        else:
            super()._set_canonical_url(base)

    def read_source(self, config: MkDocsConfig) -> None:
        self.markdown = ""  # nothing left for Markdown-level plugins to do
        if not self.know_content():
            self.read_now(config)

    def know_content(self) -> bool:
        """Whether the page's content key is known without rendering it (then it is ``pending``: on_env
        looks for its final page in the store, and renders it only if absent)."""
        assert _build is not None
        if self.pending or self._rendered is not None or not self.may_wait:
            return self.pending
        src = self.file.src_uri
        slug = urls.term_slug(src)
        if slug is not None:
            term = _build.index.terms[slug]
            assert _build.report.keys is not None
            known = store.known_content_key(_build.page_store, _build.index, term, _build.report.keys)
            self.content_key, self.shows = known if known is not None else (None, None)
            title: str | None = term.title
            # In a build two processes draw, a term page is rendered by whichever draws it (_share_pages).
            wait = self.content_key is not None or _build.may_share
        else:
            # A cluster page, path page or self-check is keyed by what it shows. Any other page is read
            # now: its content key is its content's digest.
            keys = _build.report.keys
            assert keys is not None
            self.content_key = store.shown_content_key(_build.index, src, keys)
            title = store.page_title(keys, src)
            wait = self.content_key is not None
        if wait:
            self.pending = True
            self.markdown = ""  # MkDocs gives a page its title (meta's) only once it has some Markdown
            self.meta = {**({"title": title} if title else {}), **NO_MACROS}
        return self.pending

    def is_modified(self) -> bool:
        """MkDocs asks this in --dirty builds only. Before on_env: whether to read the page (not when its
        content key is known). After: whether to write it (not when the site folder already holds the
        final page this build would write there)."""
        assert _build is not None
        if _build.env is None:
            return not self.know_content()
        written = self.written_key()
        in_place = (
            self.stored
            and written is not None
            and session.holds(self.file.abs_dest_path, written)
            and os.path.isfile(self.file.abs_dest_path)
        )
        _build.report.in_place += in_place
        if in_place and _build.page_store is not None:
            assert self.page_key is not None
            _build.page_store.touch_page(self.page_key)  # kept in the store although not read from it
        return not in_place

    def written_key(self) -> str | None:
        """What the finished page written to the site folder is: its ``page_key``, and for a term page
        the definitions its hover slots are filled with (``store.written_key``)."""
        assert _build is not None and _build.report.keys is not None
        if self.page_key is None or self.shows is None:
            return self.page_key
        return store.written_key(_build.report.keys, self.page_key, self.shows)

    def read_now(self, config: MkDocsConfig) -> None:
        """Make the page's content: from the store, or rendered; then fill in its learning widgets."""
        assert _build is not None
        self.pending = False
        src = self.file.src_uri
        slug = urls.term_slug(src)
        if slug is not None:
            index = _build.index
            assert _build.report.keys is not None
            made = store.term_page(_build.page_store, index, index.terms[slug], _build.report.keys, self._render)
            self._rendered, self.content_key, self.shows = made.rendered, made.content_key, made.shows
            _build.report.term_page(slug, made.reused)
        else:
            self._rendered = self._render()
        # The learning widgets go into the content here, after sanitizing (their form controls would
        # not pass it). A term page's content key already covers what they show (store.term_key).
        html = self._rendered.html
        filled = add_widgets(
            _build.index, src, html, _base_url(config, _build.settings), config.site_name, _build.templates
        )
        if filled != html:
            self._rendered = dataclasses.replace(self._rendered, html=filled)
        if slug is None and self.content_key is None:
            # A page whose key know_content found (a path page or self-check, by what it shows) keeps it,
            # so a later build finds it without rendering; another page is keyed by its content. The
            # concept map page's map is drawn from the whole glossary after rendering: never stored.
            self.content_key = None if src == overviews.MAP else store.rendered_digest(self._rendered)
        self.meta = {**self._rendered.meta, **NO_MACROS}

    def make_now(self, config: MkDocsConfig, files: Files) -> None:
        """Read and render a pending page after all (its final page is not in the store), with every
        plugin's page events, as MkDocs runs them on a page it reads: another plugin may change it."""
        self.pending, self.may_wait = False, False
        page = config.plugins.on_pre_page(self, config=config, files=files)
        page.read_source(config)
        assert page.markdown is not None
        page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
        page.render(config, files)
        assert page.content is not None
        page.content = config.plugins.on_page_content(page.content, page=page, config=config, files=files)

    def make_pending(self, config: MkDocsConfig, files: Files) -> None:
        """Make a pending page now (``make_now``), and key its final page by the content it turned out to have."""
        assert _build is not None
        self.make_now(config, files)
        if _build.chrome is not None and self.content_key is not None:
            self.page_key = store.page_key(_build.chrome, self.file.src_uri, self.content_key)

    def stand_in(self) -> None:
        """Shared with the worker: until one of the two processes takes the page, MkDocs draws a stand-in."""
        self.own_template = self.meta.get("template")
        self.meta["template"] = STORED_TEMPLATE

    def ready(self, config: MkDocsConfig, files: Files) -> None:
        """A shared page, taken by this process: made, if it is pending, and with its own template back."""
        self.job = None
        if self.stored:
            return  # its final page is in the store: on_post_page takes it from there
        if self.pending:
            self.make_pending(config, files)  # its front matter is the rendered page's, with no stand-in
        elif self.own_template is None:
            self.meta.pop("template", None)
        else:
            self.meta["template"] = self.own_template

    def render(self, config: MkDocsConfig, files: Files) -> None:
        if self.pending:
            self.content = ""  # on_env takes it from the store, or renders it then
            return
        rendered = self._rendered
        assert rendered is not None, "read_source comes first"
        self.content = rendered.html
        self.toc = get_toc([heading.token() for heading in rendered.toc])  # type: ignore[misc]
        self.present_anchor_ids = rendered.anchors
        self.links_to_anchors = {}
        self._rendered = None


def _root(config: MkDocsConfig) -> str:
    return os.path.dirname(os.path.abspath(config.config_file_path or "mkdocs.yml"))


def _settings(config: MkDocsConfig) -> Settings:
    """The glossary settings under ``extra: glossary:`` in mkdocs.yml, checked (see settings.py)."""
    try:
        return settings_from(config.extra.get("glossary"), "extra.glossary")
    except SettingsError as error:
        where = os.path.basename(config.config_file_path or "mkdocs.yml")
        raise PluginError("\n".join(f"{where}: {problem}" for problem in error.problems)) from None


def _base_url(config: MkDocsConfig, settings: Settings) -> str:
    """The site's absolute base URL, ending in a slash (exports and structured data need absolute URLs)."""
    url = config.site_url or settings.placeholder_url
    url = url if url.endswith("/") else url + "/"
    if not usable_base_url(url):
        raise PluginError(
            f"site_url: {url!r} cannot prefix the glossary's addresses: use an http(s) address with no"
            " spaces, quotes, query or fragment (set it in mkdocs.yml or with SITE_URL)"
        )
    return url


def _release(build: _Build) -> None:
    """Let go of a finished build: break the reference cycles among its MkDocs objects (each file and
    its page, the nav's sections and their children) and empty it and its macros (which the old
    config's plugins, a cycle themselves, still hold), so that reference counting frees its glossary,
    pages and files as soon as the next build replaces it, and a serving process needs no scan of the
    whole heap to get them back (``session._collect_after_build``). Nothing reads a finished build again."""
    for page in build.pages:
        vars(page).clear()
    if build.files is not None:
        for file in build.files:
            if file.page is not None:
                vars(file.page).clear()
            vars(file).clear()
        vars(build.files).clear()  # the old mkdocs-macros plugin holds it
    sections = list(build.nav.items) if build.nav is not None else []
    while sections:
        item = sections.pop()
        sections.extend(getattr(item, "children", None) or ())
        vars(item).clear()
    if build.macros is not None:
        vars(build.macros).clear()
    variables = getattr(build.macros_plugin, "variables", None)
    if isinstance(variables, dict):
        variables.pop("page", None)  # a copy of a page, which holds the glossary's index
    vars(build).clear()


def _register_macros(config: MkDocsConfig, build: _Build) -> None:
    plugin: Any = config.plugins.get("macros")
    if plugin is None:
        return
    macros = build.macros = GlossaryMacros(build.index, build.templates)
    build.macros_plugin = plugin

    def bind(name: str) -> Any:
        method = getattr(macros, name)

        def call(*args: Any, **kwargs: Any) -> str:
            page = plugin.page
            try:
                return str(method(page.file.src_uri, *args, **kwargs))
            except UnknownName as failure:
                build.macro_failures.setdefault(page.file.src_uri, []).append(failure)
                return ""
            except (TypeError, AttributeError) as error:  # wrong arguments: a message, not a traceback
                detail = str(error).split(") ", 1)[-1] if ") " in str(error) else str(error)
                build.macro_failures.setdefault(page.file.src_uri, []).append(BadCall(name, detail))
                return ""

        call.__doc__ = method.__doc__
        return call

    plugin.register_macros({name: bind(name) for name in macros.names()})


@event_priority(100)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Load and validate the glossary; stop the build with every problem if it is wrong."""
    global _build
    if not config.use_directory_urls:
        raise PluginError("the glossary's generated pages link with directory URLs: set use_directory_urls: true")
    root = _root(config)
    settings = _settings(config)
    cache_dir = os.path.join(root, settings.cache_dir) if settings.cache_dir else None
    reader = session.reader(root)
    PIECES.next_build()
    first = session.first_build(root)
    try:
        # Under mkdocs serve, only the first build adds the file to the cache: writing it costs a rebuild
        # more than a later `mkdocs build` saves by reading it (1.3 s against 4 s, at 10,000 terms).
        glossary = load_glossary(
            os.path.join(root, settings.file),
            display_path=settings.file,
            cache_dir=cache_dir,
            write_cache=first,
            reader=reader,
        )
    except GlossaryError as error:
        raise PluginError(str(error)) from None
    # A site's own overrides/glossary/<name>.html replaces the engine's template of that name.
    custom_dir = config.theme.custom_dir
    made = _Build(GlossaryIndex.build(glossary), root, time.monotonic(), Templates(custom_dir), settings, first)
    if _build is not None:
        _release(_build)  # only once the new build is made: a failure before leaves the last one whole
    _build = made
    if cache_dir:
        _build.page_store = store.PageStore(os.path.join(cache_dir, "pages"))
    session.build_starts()
    config.nav = expand_nav(config.nav, _build.index)
    config.extra_css.insert(0, site.STYLESHEET)
    # Deferred: the search box works once the page is parsed, so the script need not hold up its first paint.
    search_script = ExtraScriptValue(site.SEARCH_SCRIPT)
    search_script.defer = True
    config.extra_javascript.append(search_script)
    _register_macros(config, _build)
    build_log = logging.getLogger(mkdocs_build.__name__)  # mkdocs.commands.build, or ProperDocs' own
    for kind in (_DirtyIsExact, _DrawnByWorker):
        if not any(isinstance(f, kind) for f in build_log.filters):
            build_log.addFilter(kind())
    counts = [(len(glossary.terms), "term"), (len(glossary.clusters), "cluster"), (len(glossary.paths), "path")]
    read = ", ".join(f"{n} {noun}{'' if n == 1 else 's'}" for n, noun in counts)
    if reader is not None and reader.rechecked is not None:  # a rebuild that read only the terms whose lines changed
        read += f" ({reader.rechecked} changed term{'' if reader.rechecked == 1 else 's'} read again)"
    log.info(read)
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add every generated page and file (in memory; nothing is written into docs/)."""
    assert _build is not None
    base_url = _base_url(config, _build.settings)
    # A build that finds the site folder full was not asked to empty it (--dirty): on_post_build then
    # removes what this build no longer makes. Hand-written pages are few: each is always read again,
    # so the nav's titles and the search index are never stale.
    _build.dirty = os.path.isdir(config.site_dir) and any(not n.startswith(".") for n in os.listdir(config.site_dir))
    _build.site_dir = config.site_dir
    if not _build.dirty:
        session.forget_pages(config.site_dir)
    for file in files.documentation_pages():
        file.is_modified = _always  # type: ignore[method-assign]
    existing = {file.src_uri for file in files}  # Files' own look-up rebuilds its table after each append
    # Where hand-written pages are written to: docs/terms/x/index.md lands where terms/x.md would.
    written = {file.dest_uri: file.src_uri for file in files}
    clusters_listed = clusters_in_nav(_build.index)  # past a few dozen, the nav shows only the index
    pages = generated_pages(_build.index, base_url, config.site_name, _build.templates, _build.settings.subject)
    # A term page's content depends on these besides the glossary (the chrome key covers the rest).
    custom = store.folder_fingerprint(config.theme.custom_dir)
    shared = store.shared_key(custom, base_url, config.site_name, _build.settings.subject)
    _build.report.start(_build.page_store, _build.index, shared)
    _build.glossary_key = store.glossary_key(_build.index.glossary)
    for src, render in pages:
        hidden = in_nav_only_by_index(src, clusters_listed)
        inclusion = InclusionLevel.NOT_IN_NAV if hidden else InclusionLevel.UNDEFINED
        file = File.generated(config, src, content="", inclusion=inclusion)
        clash = src if src in existing else written.get(file.dest_uri)
        if clash is not None:
            source = _build.settings.file
            raise PluginError(
                f"{config.docs_dir}/{clash}: the page generated from {source} goes to {file.dest_uri}; remove or"
                " rename the file"
            )
        page = _GeneratedPage(file, config, render)
        file.is_modified = page.is_modified  # type: ignore[method-assign]
        _build.pages.append(page)
        files.append(file)
    _build.may_share = _may_share(config, len(_build.pages))
    data = _stored_files(
        "data", [base_url, config.site_name], lambda: list(data_files(_build.index, base_url, config.site_name))
    )
    for path, content in [*asset_files(), *data]:
        file = File.generated(config, _not_written_by_hand(config, path, existing), content=content)
        # A --dirty build asks whether to write it: not when the site folder already holds this content.
        there = _holds(file.abs_dest_path, content)  # copy_static_files writes it, unless it is there
        file.is_modified = _always if not there else _never  # type: ignore[method-assign]
        files.append(file)
    # Each term's own API file is written by on_post_build, not listed in Files: 10,000 more file
    # objects would cost a rebuild at 10,000 terms a tenth of a second each time MkDocs walks them.
    for path in api.term_paths(_build.index):
        _not_written_by_hand(config, path, existing)
    return files


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    """Keep the nav: its titles, known once every page is read, are part of every page's chrome."""
    assert _build is not None
    _build.nav = nav
    return nav


def _nav_entries(items: list[Any]) -> list[Any]:
    """The nav as plain data: every entry's kind, title and address, in order (the prev/next footer)."""
    out: list[Any] = []
    for item in items:
        if isinstance(item, Section):
            out.append(["section", item.title, _nav_entries(item.children)])
        elif isinstance(item, Link):
            out.append(["link", item.title, item.url])
        else:
            out.append(["page", item.title, item.url])
    return out


@event_priority(-100)
def on_env(env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
    """Every page is read: find the generated pages whose final HTML the page store holds, and let the
    theme skip them (a stand-in template; on_post_page puts the stored page in); draw the generated
    pages with a second process where the build may (``_share_pages``)."""
    assert _build is not None
    _build.env = env
    _build.files = files
    env.bytecode_cache = session.THEME_BYTECODE  # a rebuild under mkdocs serve compiles nothing again
    env.loader = jinja2.ChoiceLoader([jinja2.DictLoader({STORED_TEMPLATE: "stored page"}), env.loader])  # type: ignore[list-item]
    if _build.nav is not None and _known_plugins(config):
        _draw_nav_once_per_folder(env, _build.nav)
    if _build.page_store is not None and _build.nav is not None:
        skip = {"site_dir", "docs_dir", "config_file_path", "watch"}  # where things are, not what they show
        shown = {key: value for key, value in config.items() if key not in skip}
        hooks = os.path.dirname(os.path.abspath(__file__))
        extra = [store.folder_fingerprint(config.theme.custom_dir), store.folder_fingerprint(hooks)]
        _build.chrome = store.chrome_key(shown, _nav_entries(_build.nav.items), extra)
        for page in _build.pages:
            if page.content_key is not None:
                page.page_key = store.page_key(_build.chrome, page.file.src_uri, page.content_key)
                if _build.page_store.has_page(page.page_key):
                    page.stored = True
                    page.meta["template"] = STORED_TEMPLATE
                    slug = urls.term_slug(page.file.src_uri)
                    if page.pending and slug is not None:
                        _build.report.term_page(slug, True)
    # Every generated page is drawn, from the store or by the theme (pending ones are not rendered yet).
    if not _share_pages(_build.pages, config, files, env):
        for page in _build.pages:
            if page.pending and not page.stored:
                page.make_pending(config, files)
    return env


def _draw_nav_once_per_folder(env: jinja2.Environment, nav: Navigation) -> None:
    """Material draws the whole nav into every page (``partials/nav.html``). For a page the nav does not
    list, nothing in it is marked as current, and its links are relative to the page's folder: every
    such page in one folder (all the term pages, say) gets the same nav. Draw it once per folder and
    depth, for this build's theme environment. A page the nav lists, or whose address the nav has
    pages under, is drawn as ever."""
    try:
        template = env.get_template("partials/nav.html")
    except jinja2.TemplateNotFound:  # not Material
        return
    listed = {id(page) for page in nav.pages}
    above_listed = {""}  # every folder that holds a page (or link) of the nav
    for item in _nav_links(nav.items):
        parts = item.strip("/").split("/")
        above_listed.update("/".join(parts[:n]) + "/" for n in range(1, len(parts) + 1))
    draw = template.root_render_func
    drawn: dict[tuple[str, int], str] = {}

    def root(context: Any) -> Any:
        page = context.get("page")
        url = getattr(page, "url", None)
        if not isinstance(url, str) or id(page) in listed or url in above_listed or not url.endswith("/"):
            yield from draw(context)
            return
        key = (url.rstrip("/").rpartition("/")[0], url.count("/"))
        if key not in drawn:
            drawn[key] = "".join(draw(context))
        yield drawn[key]

    template.root_render_func = root


def _nav_links(items: list[Any]) -> list[str]:
    """The address of every page, section index and link in the nav."""
    out: list[str] = []
    for item in items:
        url = getattr(item, "url", None)
        if isinstance(url, str):
            out.append(url)
        out.extend(_nav_links(getattr(item, "children", None) or []))
    return out


SHARE_AT = 64
"""Pages to draw from which a build shares them with a second process: below it, forking costs more
than it saves."""


def _may_share(config: MkDocsConfig, pages: int) -> bool:
    """Whether two processes may draw this build's pages (``_share_pages``): a one-off build into an
    emptied site folder (not mkdocs serve, whose server runs in threads, nor a --dirty build), from a
    process with no other thread (a forked copy gets only the calling thread), with no plugin but this
    hook and mkdocs-macros (another plugin could keep state from each page's events, which the worker's
    pages would not reach here), and enough pages to be worth it."""
    assert _build is not None
    return (
        pages >= SHARE_AT
        and not _build.dirty
        and not PIECES.remember
        and threading.active_count() == 1
        and _known_plugins(config)
        and share.processes() > 1
    )


def _known_plugins(config: MkDocsConfig) -> bool:
    """Whether the build runs no plugin but this hook and mkdocs-macros (which renders pages' Markdown
    and keeps nothing from one page to the next). Another plugin may keep state from each page's events
    (which a second process's pages would not reach here) or change what the nav shows from page to page
    (Material's blog, say), so neither the shared drawing nor the nav drawn once per folder is used."""
    return all(
        getattr(plugin, "on_env", None) is on_env or type(plugin).__module__.split(".")[0] == "mkdocs_macros"
        for plugin in config.plugins.values()
    )


def _share_pages(drawn: list[_GeneratedPage], config: MkDocsConfig, files: Files, env: jinja2.Environment) -> bool:
    """Draw ``drawn`` with a forked worker process (``share.py``): MkDocs draws the pages in order here,
    taking each unless the worker took it; the worker draws from the last page back, each as MkDocs
    would (every plugin event, then the page is written), until the two meet. Pages the worker drew are
    stand-ins here (``stand_in``; on_post_page returns nothing, so MkDocs writes nothing over them), and
    the worker's results come in before MkDocs checks the anchors the pages link to (``_join_worker``)."""
    assert _build is not None and _build.nav is not None
    if not _build.may_share or len(drawn) < SHARE_AT:
        return False
    try:
        sharing = share.Sharing(len(drawn))
    except OSError:  # no shared memory or semaphores here (a container without /dev/shm): one process
        return False
    doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)
    nav = _build.nav
    build = _build
    for job, page in enumerate(drawn):
        page.job = job
        page.stand_in()

    def setup() -> None:
        build.sharing, build.progress = None, False
        build.report.reused = build.report.showing_pages = build.report.themed = build.report.from_store = 0
        build.report.edited_pages = []
        build.exports = _write_exports(config)  # every page is read: the worker starts with these

    def work(job: int) -> dict[str, Any]:
        page = drawn[job]
        page.ready(config, files)
        mkdocs_build._build_page(page, config, doc_files, nav, env)  # a generated page is never a draft
        anchors = page.present_anchor_ids  # None for a page from the store: MkDocs checks no link into it
        return {
            "anchors": sorted(anchors) if anchors is not None else None,
            "content_key": page.content_key,
            "page_key": page.page_key,
            "shows": page.shows,
            "written": page.written_key(),
        }

    def summary() -> dict[str, Any]:
        report = build.report
        kept = build.page_store.changes() if build.page_store is not None else None
        counts = [report.reused, report.showing_pages, report.themed, report.from_store]
        exports = sorted(build.exports or ())
        return {"counts": counts, "edited": report.edited_pages, "store": kept, "exports": exports}

    if not sharing.start(setup, work, summary):
        for page in drawn:
            page.ready(config, files)
        return False
    _build.sharing, _build.shared = sharing, drawn
    _build.last_src = doc_files[-1].src_uri if doc_files else None
    return True


def _join_worker(config: MkDocsConfig, current: Page | None) -> None:
    """Take in what the worker drew, and draw here what it took and did not finish (it failed; the
    same failure here stops the build with MkDocs' own message). ``current`` is the page MkDocs is
    drawing now: if unfinished, it is drawn here by on_post_page."""
    assert _build is not None and _build.sharing is not None and _build.env is not None
    assert _build.files is not None and _build.nav is not None
    outcome = _build.sharing.finish()
    _build.sharing = None
    share.replay(outcome.records)
    shared = _build.shared
    for job, result in outcome.results.items():
        page = shared[job]
        page.pending, page.drawn_here, page.job = False, False, None
        page.present_anchor_ids = set(result["anchors"]) if result["anchors"] is not None else None
        page.content_key, page.page_key = result["content_key"], result["page_key"]
        page.shows = tuple(result["shows"]) if result["shows"] is not None else None
        session.wrote(page.file.abs_dest_path, result["written"])
        _build.skipped.add(page.file.src_uri)
    if outcome.summary is not None:
        reused, showing, themed, from_store = outcome.summary["counts"]
        report = _build.report
        report.reused += reused
        report.showing_pages += showing
        report.themed += themed
        report.from_store += from_store
        report.edited_pages.extend(outcome.summary["edited"])
        _build.exports = set(outcome.summary["exports"])
        if _build.page_store is not None and outcome.summary["store"] is not None:
            _build.page_store.adopt(outcome.summary["store"])
    if outcome.failure is not None:
        log.info(f"the second process stopped; this one draws the {len(outcome.unfinished)} pages it left")
        log.debug(outcome.failure)
    doc_files = _build.files.documentation_pages(inclusion=InclusionLevel.is_included)
    for job in outcome.unfinished:
        page = shared[job]
        page.drawn_here = True
        if page is current:
            continue  # on_post_page draws it now
        page.ready(config, _build.files)
        mkdocs_build._build_page(page, config, doc_files, _build.nav, _build.env)
    log.info(f"{len(outcome.results)} of {len(shared)} pages drawn by a second process")


@event_priority(-100)
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """After mkdocs-macros ran: fail the build if a macro on this page named something unknown."""
    assert _build is not None
    failures = _build.macro_failures.pop(page.file.src_uri, [])
    if failures:
        source = page.file.content_string if page.file.abs_src_path else ""
        where = os.path.relpath(page.file.abs_src_path or page.file.src_uri, _build.root)
        messages = []
        for failure, line in zip(failures, failure_lines(source, failures), strict=True):
            messages.append(f"{where}:{line}: {failure}" if line else f"{where}: {failure}")
        raise PluginError("\n".join(messages))
    return markdown


def on_pre_page(page: Page, config: MkDocsConfig, files: Files) -> Page:
    """Under mkdocs serve, a hand-written page renders through ``_render_remembered``."""
    if PIECES.remember and not isinstance(page, _GeneratedPage):
        page.render = functools.partial(_render_remembered, page)  # type: ignore[method-assign]
    return page


@dataclass(frozen=True)
class _HandWritten:
    """What Python-Markdown made of a hand-written page, as MkDocs keeps it on the page."""

    content: str
    toc: Any
    title: str | None
    anchors: frozenset[str]
    links: dict[str, dict[str, str]] | None  # links to other pages' anchors, by the linked page's source


class _Warnings(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def _render_remembered(page: Page, config: MkDocsConfig, files: Files) -> None:
    """Render a hand-written page, or take what the last build made of the same Markdown (after
    macros) under the same Markdown settings and the same site files (which its links resolve
    against). A render that logged a warning is never kept, so a rebuild warns again."""
    assert _build is not None and page.markdown is not None
    if _build.markdown_key is None:
        # repr, not JSON: a setting's value, an enum's included, shows in it (an object made anew by each
        # config shows its address, so nothing is found: safe).
        setup = repr([config.markdown_extensions, config.mdx_configs, config.use_directory_urls, config.validation])
        site = sorted((f.src_uri, f.dest_uri, f.url, f.inclusion.name) for f in files)
        _build.markdown_key = store.outputs_key("markdown", setup, site)
    key = ("hand-written", page.file.src_uri, page.markdown, _build.markdown_key)
    found = PIECES.find(key)
    if isinstance(found, _HandWritten):
        page.content, page.toc, page._title_from_render = found.content, found.toc, found.title
        page.present_anchor_ids = set(found.anchors)
        if found.links is not None:
            linked = ((files.get_file_from_path(src), anchors) for src, anchors in found.links.items())
            page.links_to_anchors = {file: dict(anchors) for file, anchors in linked if file is not None}
        return
    warnings = _Warnings()
    logging.getLogger().addHandler(warnings)
    try:
        Page.render(page, config, files)
    finally:
        logging.getLogger().removeHandler(warnings)
    if warnings.count == 0 and page.content is not None:
        links = page.links_to_anchors
        made = _HandWritten(
            page.content,
            page.toc,
            page._title_from_render,
            frozenset(page.present_anchor_ids or ()),
            {file.src_uri: dict(anchors) for file, anchors in links.items()} if links is not None else None,
        )
        PIECES.keep(key, made)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Keep a hand-written page's text for the search index (generated pages are indexed from the
    glossary itself); report progress on long builds. A pending page is not counted yet: it is made
    later (``make_now``), or comes from the page store without being rendered."""
    assert _build is not None
    if isinstance(page, _GeneratedPage) and page.pending:
        return html
    _build.pages_done += 1
    done = _build.pages_done + (_build.sharing.taken_by_worker() if _build.sharing is not None else 0)
    if done >= _build.progress_shown + PROGRESS_EVERY and _build.progress:
        _build.progress_shown = done // PROGRESS_EVERY * PROGRESS_EVERY
        log.info(f"{_build.progress_shown} pages rendered")  # by both processes, where two draw
    if not isinstance(page, _GeneratedPage):
        description = str(page.meta.get("description") or "")
        parts = (page.title or "", page.url, html, description)
        _build.hand_written.append(PIECES.get((page_doc, *parts), lambda: page_doc(*parts)))
    return html


@event_priority(-1)
def on_page_context(context: Any, page: Page, config: MkDocsConfig, nav: Any) -> Any:
    """Keep a generated page's template context, for on_post_page, should its stored HTML turn out
    unreadable."""
    if isinstance(page, _GeneratedPage):
        assert _build is not None
        _build.context = context
    return context


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Put the concept maps and the learning widgets into the finished pages (after search indexing:
    neither is searched), and drop the indentation the theme's templates leave in every page. A term
    page is stored with its hover slots, and filled with the definitions each time (``hover.py``)."""
    assert _build is not None
    context, _build.context = _build.context, None
    if _build.sharing is not None and page.file.src_uri == _build.last_src:
        _join_worker(config, page)
    if not isinstance(page, _GeneratedPage):
        return compact(output)
    if page.job is not None or page.drawn_here is False:  # shared with the worker process
        assert _build.env is not None and _build.files is not None
        if page.drawn_here is None:
            assert page.job is not None
            page.drawn_here = _build.sharing is None or _build.sharing.take(page.job)
        if not page.drawn_here:
            _build.skipped.add(page.file.src_uri)
            return ""  # the worker writes it
        page.ready(config, _build.files)
        if not page.stored:
            output = _build.env.get_template(page.meta.get("template", "main.html")).render(context)
    if page.stored:
        assert _build.page_store is not None and page.page_key is not None
        stored = _build.page_store.page(page.page_key)
        if stored is not None:
            _build.report.from_store += 1
            session.wrote(page.file.abs_dest_path, page.written_key())
            return hover.fill(stored, _build.index.terms)
        # Damaged or gone since on_env: draw it after all, as the theme would have.
        assert _build.env is not None and _build.files is not None
        if page.pending:
            page.make_now(config, _build.files)
        output = _build.env.get_template("main.html").render(context)
    _build.report.themed += 1
    final = compact(add_maps(_build.index, page.file.src_uri, output))
    if _build.page_store is not None and page.page_key is not None:
        _build.page_store.keep_page(page.page_key, final)
    session.wrote(page.file.abs_dest_path, page.written_key())
    return hover.fill(final, _build.index.terms)


def on_post_build(config: MkDocsConfig) -> None:
    """Write the search index and each term's API file; one summary line: what was built and how long
    it took."""
    assert _build is not None
    if _build.sharing is not None:  # MkDocs drew no page after the one _share_pages took for the last
        _join_worker(config, None)
    written = _build.exports if _build.exports is not None else _write_exports(config)
    _remove_stale_outputs(config, written)
    session.after_build()  # only now: what the build made so far is frozen, out of the collector's sight
    seconds = time.monotonic() - _build.started
    glossary = _build.index.glossary
    if _build.page_store is not None:
        _build.page_store.finish()
        log.info(_build.report.summary())
    log.info(
        f"built {len(glossary.terms)} terms, {len(glossary.clusters)} clusters and {len(glossary.paths)} paths"
        f" into {len(_build.pages) + len(_build.hand_written)} pages in {seconds:.1f} s"
    )


def _write_exports(config: MkDocsConfig) -> set[str]:
    """Write the search index and each term's API file; the site paths written. Hand-written pages are
    in the index, so it waits until every page is read (a worker process makes it, if there is one)."""
    assert _build is not None
    written: set[str] = set()
    hand_written = _build.hand_written
    index = _build.index
    pages = [dataclasses.astuple(doc) for doc in hand_written]
    make = lambda: list(search_files([*glossary_docs(index), *hand_written]))  # noqa: E731
    _write_outputs(config.site_dir, _stored_files("search", pages, make), written)
    base_url = _base_url(config, _build.settings)
    term_files = lambda: list(api.term_files(index, base_url, config.site_name))  # noqa: E731
    _write_outputs(config.site_dir, _stored_files("terms", [base_url, config.site_name], term_files), written)
    return written


def _write_outputs(site_dir: str, outputs: list[tuple[str, str]], written: set[str]) -> None:
    """Write files into the site folder, each unless it holds that content already (a rebuild changes
    a few), and note their paths in ``written``."""
    for path, content in outputs:
        target = os.path.join(site_dir, path)
        if not _holds(target, content):
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "w", encoding="utf-8") as out:
                out.write(content)
        written.add(path)


def _stored_files(kind: str, parts: list[Any], make: Callable[[], list[tuple[str, str]]]) -> list[tuple[str, str]]:
    """Whole-site files made from the glossary and ``parts``: from the page store while neither changed."""
    assert _build is not None
    if _build.page_store is None or _build.glossary_key is None:
        return make()
    key = store.outputs_key(kind, _build.glossary_key, parts)
    files = _build.page_store.files(kind, key)
    if files is None:
        files = make()
        if _build.first:  # a rebuild under mkdocs serve remakes them from pieces it remembers (memo.py)
            _build.page_store.keep_files(kind, key, files)
    return files


def _holds(path: str, content: str) -> bool:
    """Whether the file at ``path`` holds ``content`` already (this process wrote it there last); notes
    that it will, as the caller writes it if not."""
    digest = hashlib.blake2b(content.encode("utf-8"), digest_size=16).hexdigest()
    there = session.holds(path, digest) and os.path.isfile(path)
    session.wrote(path, digest)
    return there


def _not_written_by_hand(config: MkDocsConfig, path: str, existing: set[str]) -> str:
    """``path``, a file the glossary generates, unless ``docs/`` has a file of that name too."""
    if path in existing:
        raise PluginError(f"{config.docs_dir}/{path}: the glossary generates this file; remove or rename it")
    return path


def _always() -> bool:
    return True


def _never() -> bool:
    return False


def _remove_stale_outputs(config: MkDocsConfig, written: set[str]) -> None:
    """After a build into a full site folder (--dirty), remove what the last build made and this one
    did not (a deleted term's page, a renamed file), so the folder is what a clean build writes."""
    assert _build is not None and _build.files is not None
    written.update(file.dest_uri for file in _build.files)
    written.update(config.theme.static_templates)
    written.update(config.extra_templates)
    written.add("sitemap.xml.gz")
    stale = session.stale_outputs(config.site_dir, written)
    if _build.dirty and stale:
        removed = session.remove_outputs(config.site_dir, stale)
        log.info(f"removed {removed} file{'' if removed == 1 else 's'} this build no longer makes")


class _DirtyIsExact(logging.Filter):
    """Drops MkDocs' warning that a --dirty build leads to inaccurate navigation: with this hook it does
    not (every page is read, every generated file written, and what a build no longer makes is removed),
    and a warning would stop a strict build."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")


class _DrawnByWorker(logging.Filter):
    """Drops MkDocs' note that it skipped a page with no output, for the pages the worker process wrote."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if _build is None or not message.startswith("Page skipped: '"):
            return True
        return message.split("'", 2)[1] not in _build.skipped


def on_build_error(error: Exception) -> None:
    """A failed build gives its frozen objects back to the collector too, and forgets which pages the
    site folder holds (a page may be half written): the next build writes every page."""
    if _build is not None and _build.sharing is not None:
        _build.sharing.stop()
        _build.sharing = None
    session.after_build()
    if _build is not None and _build.site_dir:
        session.forget_pages(_build.site_dir)


class _StillServing(logging.Filter):
    """Drops MkDocs' "the server will appear stuck" after a failed rebuild: we keep serving the last
    good build and say so ourselves."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "The server will appear stuck" not in record.getMessage()


def on_startup(command: str, dirty: bool) -> None:
    """``mkdocs serve`` (not ``--clean``, which MkDocs treats as a build each time) will rebuild after
    edits: keep what a rebuild can reuse (``session.will_serve``)."""
    if command == "serve":
        session.will_serve()


def _watch_glossary(server: LiveReloadServer, path: str) -> None:
    """Rebuild soon after glossary.yaml is saved. MkDocs' watcher looks at watched files every 0.5 s, a
    third of a second on average before a rebuild starts; ``session.watch`` looks every 0.05 s and asks
    for a rebuild as MkDocs' own watcher does (MkDocs 1.x is frozen, so the fields it sets stay). A
    server without them is asked to watch the file itself."""
    if not all(hasattr(server, name) for name in ("_rebuild_cond", "_want_rebuild", "_shutdown")):
        server.watch(path)
        return

    def changed() -> None:
        with server._rebuild_cond:
            server._want_rebuild = True
            server._rebuild_cond.notify_all()

    session.watch(path, changed, lambda: bool(server._shutdown))
    # MkDocs' own "Watching paths for changes" line lists only what its watcher follows.
    log.info(f"Watching '{os.path.basename(path)}' for changes every {session.QUICK_POLL:g} s")


def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
    """Rebuild when glossary.yaml changes, and keep serving the last good site when a rebuild fails.

    MkDocs watches only docs/ and mkdocs.yml by default (``_watch_glossary`` adds the glossary). After
    a failed rebuild it holds every request until a build succeeds ("the server will appear stuck"); a
    bad glossary.yaml fails in on_config, before the site folder is touched, so we let requests see the
    previous build instead. MkDocs 1.x is frozen, so the two private fields used here do not move. Its
    own "the server will appear stuck" line would contradict ours, so a logging filter drops it. Full
    garbage collections wait until a rebuild is over (``session.serve``).
    """
    _watch_glossary(server, os.path.join(_root(config), _settings(config).file))
    session.serve()
    rebuild = server.builder
    livereload_log = logging.getLogger("mkdocs.livereload")
    if not any(isinstance(f, _StillServing) for f in livereload_log.filters):
        livereload_log.addFilter(_StillServing())

    def rebuild_or_keep_last_good_site() -> None:
        try:
            rebuild()
        except BaseException:
            with server._epoch_cond:
                server._wanted_epoch = server._visible_epoch
            log.warning("Still serving the last good build; fix the problems above and save again.")
            raise

    server.builder = rebuild_or_keep_last_good_site
    return server
