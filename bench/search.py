"""What a reader's browser downloads and waits for: bytes per page view, bytes per search, time to results.

Builds the real site and synthetic glossaries (``bench/synthetic.py``), serves each on loopback and
drives Debian's Chromium through Playwright with the CPU slowed down ``--throttle`` times (CDP
``Emulation.setCPUThrottlingRate``, as Lighthouse does for a phone). For each site it prints:

- bytes of one term page view (every response, uncompressed: the test server sends no gzip);
- ready: from focusing the search box to the index manifest having arrived;
- for three queries typed into a fresh page (an exact title, the title with one letter dropped, a
  word found only in prose): the time from the query's last keystroke to the first result naming
  the wanted page, with the query pasted whole (every file fetched after the last keystroke) and
  typed a key every 120 ms (shards fetched while typing), and the bytes fetched for that query,
  manifest included.

``--material SITE`` measures a site built with Material's own search instead (an older build of this
project): there the whole index is fetched and built in a worker before the first result.

    .venv/bin/python bench/search.py                       # the real site, 1,000 and 10,000 terms
    .venv/bin/python bench/search.py --sizes real 1000     # a quicker subset
    .venv/bin/python bench/search.py --site /tmp/site --title Parameter --slug parameter  # an existing build
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import os
import statistics
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, sync_playwright
from project import ROOT, copy_project
from run import make_project
from synthetic import synthetic_glossary

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


_TEXT = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".ttl", ".csv")


class _Gzip(_Quiet):
    """Text files gzip-compressed for a client that accepts it, as static hosts (GitHub Pages,
    Netlify, nginx's gzip_static) send them; everything else as the plain handler does."""

    def send_head(self) -> Any:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the redirect to the folder's "/" URL
            path = path / "index.html"
        if "gzip" not in self.headers.get("Accept-Encoding", "") or path.suffix not in _TEXT or not path.is_file():
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@contextmanager
def served(site: Path, compress: bool = False) -> Iterator[str]:
    """``site`` over HTTP on a free loopback port; with ``compress``, text files gzip-compressed."""
    handler = _Gzip if compress else _Quiet
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def build(folder: Path, terms: int | None) -> Path:
    """Build the real project (``terms`` None) or a synthetic one into ``folder``; the site folder."""
    if terms is None:
        copy_project(folder)
    else:
        make_project(folder, synthetic_glossary(terms))
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT / "src")}
    mkdocs = Path(sys.executable).with_name("mkdocs")
    subprocess.run([str(mkdocs), "build", "-q", "--site-dir", str(folder / "site")], cwd=folder, env=env, check=True)
    return folder / "site"


class Tab:
    """A fresh, CPU-throttled tab that counts the bytes of every response."""

    def __init__(self, browser: Any, throttle: float) -> None:
        self.context = browser.new_context(viewport={"width": 412, "height": 823}, is_mobile=True)
        self.page: Page = self.context.new_page()
        session = self.context.new_cdp_session(self.page)
        session.send("Emulation.setCPUThrottlingRate", {"rate": throttle})
        self.bytes: dict[str, int] = {}
        self.page.on("requestfinished", self._count)

    def _count(self, request: Any) -> None:
        sizes = request.sizes()
        self.bytes[request.url] = sizes["responseBodySize"] + sizes["responseHeadersSize"]

    def total(self, part: str = "") -> int:
        return sum(size for url, size in self.bytes.items() if part in url)

    def close(self) -> None:
        self.context.close()


# Types the query (all at once, or a key every ``gap`` ms) and times, in the page, from its last
# keystroke until a result links to ``wanted``.
_TIME_QUERY = """async ([query, wanted, gap]) => {
  const input = document.querySelector(".md-search__input");
  const list = document.querySelector(".md-search-result__list");
  const found = () => [...list.querySelectorAll("a")].some((a) => a.href.endsWith(wanted));
  const type = (text) => {
    input.value = text;
    input.dispatchEvent(new Event("input", { bubbles: true }));
    input.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true, key: text.slice(-1) }));
  };
  for (let end = 1; gap && end < query.length; end++) {
    type(query.slice(0, end));
    await new Promise((resolve) => setTimeout(resolve, gap));
  }
  const start = performance.now();
  type(query);
  await new Promise((resolve) => {
    if (found()) return resolve();
    const observer = new MutationObserver(() => found() && (observer.disconnect(), resolve()));
    observer.observe(list, { childList: true, subtree: true });
    setTimeout(() => (observer.disconnect(), resolve()), 20000);
  });
  return found() ? performance.now() - start : null;
}"""


def page_view(browser: Any, base: str, term_page: str, throttle: float) -> int:
    """Bytes downloaded for one view of a term page, until the network is idle."""
    tab = Tab(browser, throttle)
    tab.page.goto(base + term_page, wait_until="networkidle")
    tab.page.wait_for_timeout(2000)  # Material's search starts its index download late
    total = tab.total()
    tab.close()
    return total


def ready(browser: Any, base: str, throttle: float, material: bool) -> float:
    """Milliseconds from focusing the search box (ours) or from the page's start (Material's) until
    the first query can be answered."""
    tab = Tab(browser, throttle)
    tab.page.goto(base, wait_until="load")
    if material:
        tab.page.wait_for_function(
            "() => !document.querySelector('.md-search-result__meta').textContent.includes('Initializing')",
            timeout=120_000,
        )
        seconds = float(tab.page.evaluate("performance.now()"))
    else:
        start = float(tab.page.evaluate("performance.now()"))
        with tab.page.expect_response(lambda r: r.url.endswith("search/index.json")):
            tab.page.focus(".md-search__input")
        seconds = float(tab.page.evaluate("performance.now()")) - start
    tab.close()
    return seconds


_SEARCH_BYTES = """() => performance.getEntriesByType("resource")
  .filter((entry) => new URL(entry.name).pathname.includes("/search/"))
  .reduce((sum, entry) => sum + entry.decodedBodySize, 0)"""


def query(
    browser: Any, base: str, text: str, wanted: str, throttle: float, material: bool, gap: int = 0
) -> tuple[float | None, int]:
    """Milliseconds from typing ``text`` (pasted whole, or a key every ``gap`` ms) to a result linking
    to ``wanted``, and the bytes it fetched."""
    tab = Tab(browser, throttle)
    tab.page.goto(base, wait_until="networkidle")
    if material:  # the index arrives with the page; wait for the worker to have built it
        tab.page.wait_for_function(
            "() => !document.querySelector('.md-search-result__meta').textContent.includes('Initializing')",
            timeout=120_000,
        )
    else:  # the reader opens search, which fetches the manifest, and then types
        with tab.page.expect_response(lambda r: r.url.endswith("search/index.json")):
            tab.page.focus(".md-search__input")
    elapsed = tab.page.evaluate(_TIME_QUERY, [text, wanted, gap])
    # Every file a result needs has arrived once it shows; the browser's own record has their sizes.
    fetched = int(tab.page.evaluate(_SEARCH_BYTES))
    tab.close()
    return elapsed, fetched


def typo(title: str) -> str:
    """``title`` with the middle letter of its longest word dropped ("Parameter" → "Paraeter")."""
    longest = max((word for word in title.split() if word.isalpha()), key=len)
    middle = len(longest) // 2
    return title.replace(longest, longest[:middle] + longest[middle + 1 :], 1)


TYPING_GAP = 120
"""Milliseconds between keystrokes when a query is typed (a quick typist)."""


def _median(runs: list[tuple[float | None, int]]) -> str:
    times = [t for t, _ in runs if t is not None]
    return f"{statistics.median(times):.0f} ms" if len(times) == len(runs) else "not found"


def measure(label: str, site: Path, title: str, slug: str, prose: tuple[str, str], throttle: float,
            material: bool, repeat: int) -> None:  # fmt: skip
    """Print one site's figures (medians of ``repeat`` runs). ``prose`` is a word and the end of the
    URL of a page it must find ("/" for any)."""
    with served(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        view = page_view(browser, base, f"terms/{slug}/", throttle)
        ready_ms = statistics.median(ready(browser, base, throttle, material) for _ in range(repeat))
        print(f"{label}: page view {view / 1000:.0f} KB, search ready {ready_ms:.0f} ms", flush=True)
        for name, text, wanted in (
            ("exact title", title, f"/terms/{slug}/"),
            ("typo", typo(title), f"/terms/{slug}/"),
            ("prose word", *prose),
        ):
            runs = [query(browser, base, text, wanted, throttle, material) for _ in range(repeat)]
            typed = [query(browser, base, text, wanted, throttle, material, TYPING_GAP) for _ in range(repeat)]
            print(
                f"  {name} {text!r}: first result {_median(runs)} pasted, {_median(typed)} typed;"
                f" {runs[0][1] / 1000:.0f} KB",
                flush=True,
            )
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", nargs="+", default=["real", "1000", "10000"])
    parser.add_argument("--throttle", type=float, default=4.0)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--site", type=Path, help="measure this built site (synthetic) instead of building")
    parser.add_argument("--material", action="store_true", help="the site uses Material's own search")
    parser.add_argument("--title", default="Term 00042 Model", help="with --site: an exact title to search")
    parser.add_argument("--slug", default="term-00042", help="with --site: the slug of that title's term")
    parser.add_argument("--prose", nargs=2, default=["gradient", "/"], metavar=("WORD", "URL_END"),
                        help="with --site: a prose word and the end of the URL it must find")  # fmt: skip
    args = parser.parse_args()
    real = ("Parameter", "parameter", ("Dartmouth", "/terms/artificial-intelligence/"))
    # Synthetic prose draws on 39 words, each in nearly every entry: "gradient" finds many entries.
    common = ("gradient", "/")
    if args.site:
        measure(
            str(args.site),
            args.site,
            args.title,
            args.slug,
            tuple(args.prose),
            args.throttle,
            args.material,
            args.repeat,
        )
        return
    for size in args.sizes:
        with tempfile.TemporaryDirectory(prefix=f"glossary-search-{size}-") as tmp:
            terms = None if size == "real" else int(size)
            site = build(Path(tmp), terms)
            if terms is None:
                measure("real site", site, *real, args.throttle, args.material, args.repeat)
            else:
                title = _title(Path(tmp) / "glossary.yaml", "term-00042")
                label = f"{terms:,} terms"
                measure(label, site, title, "term-00042", common, args.throttle, False, args.repeat)


def _title(glossary: Path, slug: str) -> str:
    lines = glossary.read_text(encoding="utf-8").splitlines()
    at = lines.index(f"  - slug: {slug}")
    return lines[at + 1].split(": ", 1)[1]


if __name__ == "__main__":
    main()
