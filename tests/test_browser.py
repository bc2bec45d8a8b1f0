"""The real site as a reader meets it, in headless Chromium driven by Playwright.

Chromium comes from the system (Debian's ``chromium``); Playwright's own browser download is not
used. Without Chromium these tests are skipped with a hint, except under CI=true, where a missing
browser fails the run. Screenshots go to ``test-artifacts/``.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import ROOT, Site
from glossary_engine import GlossaryIndex, parse_glossary

CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = ROOT / "test-artifacts"
# Flags for a closed network and a root user: no sandbox, no background connections.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

playwright_api = pytest.importorskip("playwright.sync_api")


def _require_chromium() -> None:
    if Path(CHROMIUM).exists():
        return
    message = "Chromium not found: install it with `sudo apt-get install chromium` (or set CHROMIUM=/path)"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def serve(directory: Path, handler: type[http.server.SimpleHTTPRequestHandler] = _QuietHandler) -> Iterator[str]:
    """Serve ``directory`` over HTTP on a free loopback port; yield its base URL (for fixtures)."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def base_url(real_site: Site) -> Iterator[str]:
    """The real site served over HTTP on a free loopback port."""
    yield from serve(real_site.site_dir)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    _require_chromium()
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Reader:
    """A browser tab that records console errors and uncaught exceptions on every page it visits."""

    def __init__(self, page: object, base_url: str) -> None:
        self.page = page
        self.base_url = base_url
        self.errors: list[str] = []
        page.on("console", lambda m: m.type == "error" and self.errors.append(f"{page.url}: {m.text}"))  # type: ignore[attr-defined]
        page.on("pageerror", lambda e: self.errors.append(f"{page.url}: {e}"))  # type: ignore[attr-defined]

    def open(self, path: str) -> object:
        self.page.goto(self.base_url + path)  # type: ignore[attr-defined]
        return self.page

    def path(self) -> str:
        return str(self.page.url).removeprefix(self.base_url).split("?")[0].split("#")[0]  # type: ignore[attr-defined]


@pytest.fixture
def reader(browser: object, base_url: str) -> Iterator[Reader]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    reader = Reader(context.new_page(), base_url)
    yield reader
    context.close()
    assert reader.errors == [], "the browser console showed errors"


def shoot(page: object, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)  # type: ignore[attr-defined]


def test_reader_reaches_parameter_from_home_through_its_cluster(reader: Reader) -> None:
    page = reader.open("")
    shoot(page, "home")
    page.get_by_role("link", name="Neural Networks and Deep Learning").first.click()  # type: ignore[attr-defined]
    assert reader.path() == "clusters/neural-networks/"
    page.locator("article .grid.cards a", has_text="Parameter").first.click()  # type: ignore[attr-defined]
    assert reader.path() == "terms/parameter/"
    assert page.locator("h1").inner_text().removesuffix("¶") == "Parameter"  # type: ignore[attr-defined]


def test_breadcrumb_reads_home_hub_cluster_term_and_links_up(reader: Reader) -> None:
    page = reader.open("terms/parameter/")
    crumbs = page.locator("nav.gl-crumbs")  # type: ignore[attr-defined]
    assert crumbs.inner_text() == "Home › Artificial Intelligence › Neural Networks and Deep Learning › Parameter"
    crumbs.get_by_role("link", name="Neural Networks and Deep Learning").click()
    assert reader.path() == "clusters/neural-networks/"


def test_related_cards_show_definition_and_score(reader: Reader) -> None:
    page = reader.open("terms/parameter/")
    cards = page.locator("#related-terms + .grid.cards li")  # type: ignore[attr-defined]
    assert cards.count() >= 3
    first = cards.first.inner_text()
    assert "Weights and Biases" in first
    assert "Generality" in first
    cards.first.get_by_role("link").click()
    assert reader.path() == "terms/weights-and-biases/"


def test_read_before_and_after_land_on_the_neighbours(reader: Reader) -> None:
    page = reader.open("terms/parameter/")
    box = page.locator(".admonition.gl-path p", has_text="How neural networks learn")  # type: ignore[attr-defined]
    box.get_by_role("link", name="How Neural Networks Work").click()
    assert reader.path() == "terms/how-neural-networks-work/"
    page.go_back()  # type: ignore[attr-defined]
    box.get_by_role("link", name="Weights and Biases").click()
    assert reader.path() == "terms/weights-and-biases/"


def test_hovering_a_term_link_shows_its_definition(reader: Reader) -> None:
    page = reader.open("terms/parameter/")
    link = page.locator('article p a[href="../hyperparameter/"]').first  # type: ignore[attr-defined]
    link.hover()
    tooltip = page.locator(".md-tooltip2--active")  # type: ignore[attr-defined]
    tooltip.wait_for()
    assert tooltip.inner_text().startswith("A setting chosen before training")


@pytest.mark.parametrize(
    ("query", "term"),
    [
        ("weights", "parameter"),
        ("parameter", "parameter"),
        ("LLM", "large-language-model"),
        ("hyperparameters", "hyperparameter"),
    ],
)
def test_typing_a_term_name_or_alias_puts_that_term_first(reader: Reader, query: str, term: str) -> None:
    page = reader.open("terms/overfitting/")
    page.click("input.md-search__input")  # type: ignore[attr-defined]
    page.locator("input.md-search__input").press_sequentially(query, delay=30)  # type: ignore[attr-defined]
    page.locator(".md-search-result__item.gl-best-match").wait_for()  # type: ignore[attr-defined]
    first = page.locator(".md-search-result__list > li > a").first  # type: ignore[attr-defined]
    assert first.get_attribute("href").endswith(f"/terms/{term}/")
    first.click()
    assert reader.path() == f"terms/{term}/"


def search(page: object, query: str) -> list[str]:
    """Type ``query`` into the search box; the hrefs of the results shown, in order."""
    page.click("input.md-search__input")  # type: ignore[attr-defined]
    page.locator("input.md-search__input").press_sequentially(query, delay=20)  # type: ignore[attr-defined]
    # Results of a shorter prefix can show while typing; wait for the list of the whole query.
    page.wait_for_function(  # type: ignore[attr-defined]
        "q => document.querySelector('.md-search-result__list').dataset.query === q", arg=query
    )
    links = page.locator(".md-search-result__list > li > a")  # type: ignore[attr-defined]
    return [str(href) for href in links.evaluate_all("links => links.map(a => a.getAttribute('href'))")]


def test_search_for_an_alias_finds_the_term(reader: Reader) -> None:
    page = reader.open("")
    search(page, "weights")
    page.locator(".md-search-result__item > a", has_text="Parameter").first.click()  # type: ignore[attr-defined]
    assert reader.path() == "terms/parameter/"


def test_a_mistyped_name_finds_its_term_first(reader: Reader) -> None:
    found = search(reader.open(""), "hyperparmeter")
    assert found[0].endswith("/terms/hyperparameter/")


@pytest.mark.parametrize(("word", "term"), [("Dartmouth", "artificial-intelligence"), ("intercept", "parameter")])
def test_a_word_only_in_prose_finds_its_entry(reader: Reader, word: str, term: str) -> None:
    found = search(reader.open(""), word)
    assert any(href.endswith(f"/terms/{term}/") for href in found)


def test_a_page_view_downloads_nothing_for_search_until_the_box_is_used(reader: Reader) -> None:
    requests: list[str] = []
    reader.page.on("request", lambda r: requests.append(r.url))  # type: ignore[attr-defined]
    page = reader.open("terms/parameter/")
    page.wait_for_load_state("networkidle")  # type: ignore[attr-defined]
    assert [url for url in requests if "/search/" in url] == []
    search(page, "parameter")
    fetched = [url for url in requests if "/search/" in url]
    assert fetched and all(url.startswith(reader.base_url) for url in requests)


def test_dark_mode_switch(reader: Reader) -> None:
    page = reader.open("terms/parameter/")
    shoot(page, "parameter-light")
    page.click('label[title="Switch to dark mode"]')  # type: ignore[attr-defined]
    assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"  # type: ignore[attr-defined]
    shoot(page, "parameter-dark")


def test_term_page_fits_a_phone_without_sideways_scrolling(browser: object, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)  # type: ignore[attr-defined]
    reader = Reader(context.new_page(), base_url)
    page = reader.open("terms/parameter/")
    overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")  # type: ignore[attr-defined]
    shoot(page, "parameter-phone")
    context.close()
    assert overflow <= 0
    assert reader.errors == []


# -- hostile input in the browser ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A site built from hostile glossary text (see test_hostile.py), served over HTTP."""
    from conftest import DEFAULT_NAV, build_project, make_project
    from test_hostile import HOSTILE

    root = tmp_path_factory.mktemp("hostile")
    docs = {"about.md": "# About\n\nRead {{ term('parameter') }} and {{ term('hyperparameter') }}.\n"}
    site = build_project(make_project(root, HOSTILE, docs), [*DEFAULT_NAV, {"About": "about.md"}])
    yield from serve(site.site_dir)


HOSTILE_PAGES = ["terms/parameter/", "terms/weights-and-biases/", "terms/", "timeline/", "about/", "concept-map/"]


@pytest.mark.parametrize("path", HOSTILE_PAGES)
def test_hovering_and_focusing_every_link_on_a_hostile_site_runs_no_script(
    browser: object, hostile_url: str, path: str
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    reader = Reader(context.new_page(), hostile_url)
    page = reader.page
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))  # type: ignore[attr-defined]
    reader.open(path)
    # Every element Material gives a tooltip: anything with a title, and cut-off navigation entries.
    targets = page.locator("[title], .md-ellipsis")  # type: ignore[attr-defined]
    hovered = 0
    for i in range(targets.count()):
        target = targets.nth(i)
        if not target.is_visible():
            continue
        # Events straight to the element: a sticky header may cover it where a pointer would land.
        target.dispatch_event("mouseenter")
        target.focus()
        page.wait_for_timeout(20)  # type: ignore[attr-defined]
        target.dispatch_event("mouseleave")
        hovered += 1
    for _ in range(40):  # and the keyboard: tab through the page
        page.keyboard.press("Tab")  # type: ignore[attr-defined]
    page.wait_for_timeout(300)  # type: ignore[attr-defined]
    context.close()
    assert hovered > 0
    assert dialogs == [], "a script from the glossary ran"
    assert reader.errors == []


def test_a_hostile_link_title_shows_as_text_in_its_tooltip(browser: object, hostile_url: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    reader = Reader(context.new_page(), hostile_url)
    page = reader.open("terms/parameter/")
    page.locator('article a[href="https://example.org/"]').first.hover()  # type: ignore[attr-defined]
    tooltip = page.locator(".md-tooltip2--active")  # type: ignore[attr-defined]
    tooltip.wait_for()
    text = tooltip.inner_text()
    count = tooltip.locator("img").count()
    context.close()
    assert text == "<img src=x onerror=alert(7)>"
    assert count == 0


@pytest.mark.parametrize("query", ["constructor", "__proto__", "toString", "hasOwnProperty"])
def test_typing_an_object_property_name_into_search_throws_nothing(reader: Reader, query: str) -> None:
    page = reader.open("terms/parameter/")
    page.click("input.md-search__input")  # type: ignore[attr-defined]
    page.locator("input.md-search__input").press_sequentially(query, delay=20)  # type: ignore[attr-defined]
    page.wait_for_timeout(500)  # type: ignore[attr-defined]
    assert page.locator(".gl-best-match").count() == 0  # type: ignore[attr-defined]


# -- search at 10,000 terms -----------------------------------------------------------------------------

LARGE = 10_000


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, GlossaryIndex]]:
    """The small site's pages with the search index of a generated 10,000-term glossary in place of
    their own, served over HTTP: the search script and index files are exactly those of a 10,000-term
    build, without spending a minute on 10,000 pages the search tests never open (about 10 s)."""
    import importlib.util

    from conftest import SMALL, build_project, make_project
    from glossary_engine.render.search import glossary_docs, search_files

    spec = importlib.util.spec_from_file_location("synthetic", ROOT / "bench" / "synthetic.py")
    assert spec and spec.loader
    synthetic = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(synthetic)
    index = GlossaryIndex.build(parse_glossary(synthetic.synthetic_glossary(LARGE)))
    site = build_project(make_project(tmp_path_factory.mktemp("large"), SMALL))
    shutil.rmtree(site.site_dir / "search")
    for path, content in search_files(glossary_docs(index)):
        target = site.site_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
    for url in serve(site.site_dir):
        yield url, index


@pytest.fixture
def large_reader(browser: object, large: tuple[str, GlossaryIndex]) -> Iterator[Reader]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    reader = Reader(context.new_page(), large[0])
    yield reader
    context.close()
    assert reader.errors == [], "the browser console showed errors"


def test_at_10000_terms_an_exact_title_comes_first(large_reader: Reader, large: tuple[str, GlossaryIndex]) -> None:
    term = large[1].terms["term-04321"]
    assert search(large_reader.open(""), term.title)[0].endswith("/terms/term-04321/")


def test_at_10000_terms_an_alias_comes_first(large_reader: Reader) -> None:
    assert search(large_reader.open(""), "T04321")[0].endswith("/terms/term-04321/")


def test_at_10000_terms_a_mistyped_title_finds_its_term(large_reader: Reader, large: tuple[str, GlossaryIndex]) -> None:
    title = large[1].terms["term-04321"].title  # "Term 04321 <Word>": drop a letter of the word
    mistyped = title[:-3] + title[-2:]
    assert search(large_reader.open(""), mistyped)[0].endswith("/terms/term-04321/")


def test_at_10000_terms_one_query_downloads_at_most_500_kb(
    large_reader: Reader, large: tuple[str, GlossaryIndex]
) -> None:
    page = large_reader.open("")
    search(page, large[1].terms["term-04321"].title)
    # The browser's record of every file the page fetched, once the results show (all they needed).
    fetched = page.evaluate(  # type: ignore[attr-defined]
        "() => performance.getEntriesByType('resource').map((e) => [e.name, e.decodedBodySize])"
    )
    searched = [size for url, size in fetched if url.startswith(large[0] + "search/")]
    assert all(url.startswith(large[0]) for url, _ in fetched)
    assert len(searched) >= 3  # the manifest, a word shard, a block of result rows
    assert sum(searched) <= 500_000
