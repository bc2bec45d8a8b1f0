"""Every internal link and #anchor in the built real site resolves; external links are well formed."""

from __future__ import annotations

import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from conftest import Site

EXTERNAL = re.compile(r"^https?://[^\s/$.?#][^\s]*$")


class _Page(HTMLParser):
    """Collects the ids and the link targets of one HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(str(values["id"]))
        if tag == "a" and values.get("name"):
            self.ids.add(str(values["name"]))
        for name in ("href", "src"):
            target = values.get(name)
            if target and not (tag == "link" and values.get("rel") in ("preconnect", "dns-prefetch")):
                self.links.append(target)


def parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def resolve(site_dir: Path, page: Path, target: str) -> tuple[Path, str]:
    """The file a relative link points at, and its fragment."""
    parts = urlsplit(target)
    # Root-relative links appear only on 404.html, which is served at any depth.
    base = "." if parts.path.startswith("/") else page.parent.relative_to(site_dir).as_posix()
    if parts.path:
        path = posixpath.normpath(posixpath.join(base, unquote(parts.path).lstrip("/")))
    else:
        path = page.relative_to(site_dir).as_posix()
    file = site_dir / path
    if file.is_dir() or parts.path.endswith("/"):
        file = file / "index.html"
    return file, parts.fragment


def broken_links(site: Site) -> list[str]:
    site_dir = site.site_dir
    pages = {path: parse(path) for path in site_dir.rglob("*.html")}
    problems = []
    for path, page in pages.items():
        where = path.relative_to(site_dir).as_posix()
        for target in page.links:
            scheme = urlsplit(target).scheme
            if scheme in ("http", "https"):
                if not EXTERNAL.match(target):
                    problems.append(f"{where}: malformed external link {target!r}")
                continue
            if scheme in ("mailto", "data") or (target.startswith("#") and target == "#"):
                continue
            if scheme:
                problems.append(f"{where}: unexpected link scheme {target!r}")
                continue
            file, fragment = resolve(site_dir, path, target)
            if not file.exists():
                problems.append(f"{where}: broken link {target!r}")
            elif fragment and file.suffix == ".html":
                ids = pages[file].ids if file in pages else parse(file).ids
                if fragment not in ids:
                    problems.append(f"{where}: missing anchor {target!r}")
    return problems


def test_every_link_and_anchor_in_the_real_site_resolves(real_site: Site) -> None:
    assert broken_links(real_site) == []


def test_the_checker_catches_a_broken_link_and_anchor(real_site: Site, tmp_path: Path) -> None:
    import shutil

    copy = tmp_path / "site"
    shutil.copytree(real_site.site_dir / "terms" / "parameter", copy / "terms" / "parameter")
    page = copy / "terms" / "parameter" / "index.html"
    page.write_text(
        '<a href="../nowhere/">x</a><a href="#no-such-anchor">y</a><a href="http://">z</a>', encoding="utf-8"
    )
    site = Site(tmp_path)
    assert broken_links(site) == [
        "terms/parameter/index.html: broken link '../nowhere/'",
        "terms/parameter/index.html: missing anchor '#no-such-anchor'",
        "terms/parameter/index.html: malformed external link 'http://'",
    ]


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
TEXT_FILES = {".html", ".xml", ".json", ".js", ".css", ".txt", ".ttl", ".csv", ".md", ".svg", ".webmanifest"}


def control_characters(site: Site) -> list[str]:
    """Built text files holding a control character (a hover slot left unfilled, say): invalid HTML."""
    found = []
    for path in sorted(site.site_dir.rglob("*")):
        if path.suffix in TEXT_FILES and _CONTROL.search(path.read_text(encoding="utf-8", errors="replace")):
            found.append(path.relative_to(site.site_dir).as_posix())
    return found


def test_no_built_file_holds_a_control_character(real_site: Site, tmp_path: Path) -> None:
    assert control_characters(real_site) == []
    page = tmp_path / "site" / "terms" / "x" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text('<a title="\x01parameter\x02">x</a>', encoding="utf-8")
    assert control_characters(Site(tmp_path)) == ["terms/x/index.html"]
