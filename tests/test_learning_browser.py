"""The learning loop in Chromium: progress along a path, the self-check, term of the day, copying a
citation, and the embed script on a page of another origin. Keyboard alone, a 390 px phone and axe
are covered for each new page. Fixtures (the real site, served; the browser) come from test_browser.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import Site
from test_accessibility import BLOCKING, _violations, axe_script
from test_browser import Reader, _QuietHandler, base_url, browser, playwright_api, reader, serve, shoot

__all__ = ["axe_script", "base_url", "browser", "reader"]  # fixtures shared with the other browser tests

expect = playwright_api.expect  # Playwright is imported (or the module skipped) by test_browser
PATH = "paths/how-neural-networks-learn/"
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


def _steps(page: Any) -> list[str]:
    return [text for text in page.locator(".gl-steps li a strong").all_inner_texts()]


def test_ticking_a_step_by_keyboard_shows_progress_and_where_to_pick_up(reader: Reader) -> None:
    page: Any = reader.open(PATH)
    first, second = _steps(page)[:2]
    box = page.get_by_role("checkbox", name=f"I know this ({first})")
    box.focus()
    page.keyboard.press("Space")
    assert box.is_checked()
    status = page.locator(".gl-progress [role=status]")
    assert status.inner_text().startswith(f"You know 1 of {len(_steps(page))} steps. Pick up at {second}.")
    status.get_by_role("link", name=second).click()
    assert reader.path() == "terms/machine-learning/"


def test_progress_is_kept_in_the_browser_across_pages(reader: Reader) -> None:
    page: Any = reader.open("terms/parameter/")
    box = page.get_by_role("checkbox", name="I know this term")
    box.focus()
    page.keyboard.press("Space")
    assert "How neural networks learn: 1 of 12 steps known" in page.locator(".gl-know-paths").inner_text()
    page = reader.open(PATH)
    assert page.get_by_role("checkbox", name="I know this (Parameter)").is_checked()
    assert page.locator(".gl-progress-bar").get_attribute("value") == "1"


def test_progress_exports_to_a_file_that_another_browser_imports(browser: Any, base_url: str, tmp_path: Path) -> None:
    first = Reader(browser.new_context().new_page(), base_url)
    page: Any = first.open(PATH)
    page.get_by_role("checkbox", name="I know this (Parameter)").check()
    with page.expect_download() as download:
        page.get_by_role("button", name="Export progress").click()
    saved = tmp_path / "progress.json"
    download.value.save_as(saved)
    data = json.loads(saved.read_text(encoding="utf-8"))
    assert (data["format"], data["version"], data["known"]) == ("glossary-progress", 1, ["parameter"])

    second = Reader(browser.new_context().new_page(), base_url)
    page = second.open(PATH)
    assert not page.get_by_role("checkbox", name="I know this (Parameter)").is_checked()
    page.get_by_label("Import progress").set_input_files(str(saved))
    expect(page.locator(".gl-message")).to_have_text("Imported 1 more known term.")
    assert page.get_by_role("checkbox", name="I know this (Parameter)").is_checked()
    assert first.errors == second.errors == []


def test_importing_a_file_that_is_not_progress_changes_nothing(reader: Reader, tmp_path: Path) -> None:
    page: Any = reader.open(PATH)
    other = tmp_path / "other.json"
    other.write_text('{"known": ["parameter"]}', encoding="utf-8")
    page.get_by_label("Import progress").set_input_files(str(other))
    expect(page.locator(".gl-message")).to_have_text(
        "That file is not a progress file from this glossary; nothing was changed."
    )
    assert not page.get_by_role("checkbox", name="I know this (Parameter)").is_checked()


def test_self_check_scores_answers_and_links_a_wrong_one_to_its_term(reader: Reader) -> None:
    page: Any = reader.open(PATH + "check/")
    questions = page.locator("fieldset[data-gl-answer]")
    total = questions.count()
    for i in range(total):
        question = questions.nth(i)
        answer = question.get_attribute("data-gl-answer")
        if i == 0:
            # By keyboard: focus the first choice, move to the next one with the arrow key.
            question.locator("input").first.focus()
            page.keyboard.press("ArrowDown")
            assert question.locator("input:checked").get_attribute("value") != answer
        else:
            question.locator(f'input[value="{answer}"]').check()
    page.get_by_role("button", name="Check my answers").focus()
    page.keyboard.press("Enter")
    assert (
        page.locator(".gl-score").inner_text()
        == f"You got {total - 1} of {total} right. Each wrong answer links to its term."
    )
    wrong = questions.nth(0).locator(".gl-wrong")
    assert wrong.is_visible() and not questions.nth(1).locator(".gl-wrong").is_visible()
    expected = questions.nth(0).get_attribute("data-gl-answer")
    wrong.get_by_role("link").click()
    assert reader.path() == f"terms/{expected}/"


def test_self_check_asks_about_contrast_pairs_and_hides_answers(reader: Reader) -> None:
    page: Any = reader.open(PATH + "check/")
    assert page.get_by_role("heading", name="Tell them apart").is_visible()
    faq = page.locator("details.gl-faq").first
    assert not faq.locator("p").first.is_visible()
    faq.locator("summary").focus()
    page.keyboard.press("Enter")
    assert faq.locator("p").first.is_visible()


def _day_pick(count: int, day: datetime.date) -> int:
    days = (day - datetime.date(1970, 1, 1)).days
    return ((days * 2654435761) & 0xFFFFFFFF) % count


def test_term_of_the_day_depends_only_on_the_date(browser: Any, base_url: str, real_site: Site) -> None:
    listing = json.loads((real_site.site_dir / "api/v1/terms.json").read_text(encoding="utf-8"))
    for day in (datetime.date(2026, 3, 14), datetime.date(2026, 3, 15)):
        context = browser.new_context()
        context.clock.set_fixed_time(datetime.datetime(day.year, day.month, day.day, 12))
        reader = Reader(context.new_page(), base_url)
        page: Any = reader.open("")
        slug, title = listing["terms"][_day_pick(len(listing["terms"]), day)]
        link = page.locator(".gl-today-term")
        link.wait_for()
        short = json.loads((real_site.site_dir / f"api/v1/terms/{slug}.json").read_text(encoding="utf-8"))["short"]
        page.locator(".gl-today-short", has_text=short).wait_for()
        assert link.inner_text() == title
        assert link.get_attribute("href").endswith(f"/terms/{slug}/")
        context.close()
        assert reader.errors == []


def test_random_term_link_opens_a_term_page(reader: Reader) -> None:
    page: Any = reader.open("")
    page.get_by_role("link", name="Open a random term").click()
    page.wait_for_url("**/terms/*/")
    assert reader.path().startswith("terms/") and reader.path() != "terms/"


def test_copy_button_copies_the_bibtex(browser: Any, base_url: str) -> None:
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    reader = Reader(context.new_page(), base_url)
    page: Any = reader.open("terms/parameter/")
    page.locator("details.gl-cite summary").focus()
    page.keyboard.press("Enter")
    button = page.get_by_role("button", name="Copy BibTeX")
    button.focus()
    page.keyboard.press("Enter")
    page.locator(".gl-copy-status", has_text="Copied the BibTeX.").wait_for()
    copied = page.evaluate("() => navigator.clipboard.readText()")
    assert copied == page.locator("#gl-cite-bibtex").inner_text()
    assert copied.startswith("@misc{parameter,")
    context.close()
    assert reader.errors == []


@pytest.mark.parametrize("path", ["", PATH, PATH + "check/", "whats-new/", "terms/parameter/", "embed/"])
def test_new_pages_fit_a_phone_without_sideways_scrolling(browser: Any, base_url: str, path: str) -> None:
    context = browser.new_context(**PHONE)
    reader = Reader(context.new_page(), base_url)
    page: Any = reader.open(path)
    if path == "terms/parameter/":
        page.locator("details.gl-cite summary").click()
    overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    shoot(page, "phone-" + (path.strip("/").replace("/", "-") or "home"))
    context.close()
    assert overflow <= 0
    assert reader.errors == []


def _blocking(violations: list[dict[str, Any]]) -> list[str]:
    return [
        f"{v['impact']} {v['id']}: {v['help']} at " + ", ".join(" ".join(n["target"]) for n in v["nodes"])
        for v in violations
        if v["impact"] in BLOCKING
    ]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", [PATH, PATH + "check/", "whats-new/", "terms/parameter/", "embed/", ""])
def test_new_pages_pass_axe(browser: Any, base_url: str, axe_script: Path, path: str, scheme: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page: Any = context.new_page()
    page.goto(base_url + path)
    # The widgets as a reader sees them after using them: a box ticked, answers scored, a citation open.
    if path == PATH:
        page.get_by_role("checkbox", name="I know this (Parameter)").check()
    if path.endswith("check/"):
        page.get_by_role("button", name="Check my answers").click()
    if path == "terms/parameter/":
        page.locator("details.gl-cite summary").click()
    if path == "":
        page.locator(".gl-today-short").filter(has_text="a").first.wait_for()
    blocking = _blocking(_violations(page, axe_script))
    context.close()
    assert blocking == []


# -- Embedding on another site ---------------------------------------------------------------------


class _CorsHandler(_QuietHandler):
    """A static host that lets other origins read its files, as embedding needs."""

    def end_headers(self) -> None:
        self.send_header("Access-Control-Allow-Origin", "*")
        super().end_headers()


@pytest.fixture(scope="module")
def glossary_url(real_site: Site) -> Iterator[str]:
    """The real site on its own origin, sending Access-Control-Allow-Origin."""
    yield from serve(real_site.site_dir, _CorsHandler)


@pytest.fixture(scope="module")
def other_site(tmp_path_factory: pytest.TempPathFactory, glossary_url: str, real_site: Site) -> Iterator[str]:
    """A plain HTML page on another origin that embeds the glossary's definitions; beside it, a
    hostile copy of the glossary whose definition is HTML, to show it stays text."""
    root = tmp_path_factory.mktemp("other-site")
    (root / "index.html").write_text(
        "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Another site</title>"
        "<meta name='viewport' content='width=device-width'><link rel='icon' href='data:,'></head><body><main><h1>Another site</h1>"
        "<p>A model learns its <a data-glossary-term='parameter'>parameters</a>; you choose its "
        f"<a href='{glossary_url}terms/hyperparameter/'>hyperparameters</a>. "
        "An <a href='https://example.com/elsewhere'>unrelated link</a>.</p></main>"
        f"<script src='{glossary_url}assets/glossary-embed.js' defer></script></body></html>",
        encoding="utf-8",
    )
    hostile = root / "hostile"
    (hostile / "assets").mkdir(parents=True)
    (hostile / "api/v1/terms").mkdir(parents=True)
    (hostile / "assets/glossary-embed.js").write_bytes((real_site.site_dir / "assets/glossary-embed.js").read_bytes())
    record = {"version": 1, "slug": "evil", "title": "<b>Bold</b>", "short": '<img src=x onerror="window.owned=1">'}
    (hostile / "api/v1/terms/evil.json").write_text(json.dumps(record), encoding="utf-8")
    (root / "hostile.html").write_text(
        "<!doctype html><html lang='en'><head><title>Hostile</title><link rel='icon' href='data:,'></head><body>"
        "<p><a data-glossary-term='evil'>evil</a></p><script src='hostile/assets/glossary-embed.js'></script>"
        "</body></html>",
        encoding="utf-8",
    )
    yield from serve(root, _QuietHandler)


def _embed_reader(browser: Any, other_site: str, **options: Any) -> tuple[Any, Reader, list[str]]:
    context = browser.new_context(**options)
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    return context, Reader(page, other_site), requests


def test_embedded_definition_opens_on_hover_and_closes_on_escape(
    browser: Any, other_site: str, glossary_url: str, real_site: Site
) -> None:
    context, reader, requests = _embed_reader(browser, other_site)
    page: Any = reader.open("")
    page.get_by_role("link", name="parameters", exact=True).hover()
    tooltip = page.get_by_role("tooltip")
    tooltip.wait_for()
    record = json.loads((real_site.site_dir / "api/v1/terms/parameter.json").read_text(encoding="utf-8"))
    assert tooltip.inner_text().splitlines() == [record["title"], record["short"], "AI Glossary"]
    page.keyboard.press("Escape")
    tooltip.wait_for(state="hidden")
    shoot(page, "embed-hover")
    context.close()
    assert reader.errors == []
    assert {url.split("/")[2] for url in requests} <= {other_site.split("/")[2], glossary_url.split("/")[2]}


def test_embedded_definition_opens_on_keyboard_focus_and_describes_the_link(browser: Any, other_site: str) -> None:
    context, reader, _ = _embed_reader(browser, other_site)
    page: Any = reader.open("")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")  # the second link: a plain link to a term page of the glossary
    link = page.get_by_role("link", name="hyperparameters")
    tooltip = page.get_by_role("tooltip")
    tooltip.wait_for()
    assert tooltip.inner_text().startswith("Hyperparameter\n")
    assert link.get_attribute("aria-describedby") == tooltip.get_attribute("id")
    page.keyboard.press("Escape")
    tooltip.wait_for(state="hidden")
    assert link.get_attribute("aria-describedby") is None
    assert page.evaluate("() => document.activeElement.textContent") == "hyperparameters"
    context.close()
    assert reader.errors == []


def test_embedded_link_without_href_links_back_to_the_glossary(
    browser: Any, other_site: str, glossary_url: str
) -> None:
    context, reader, _ = _embed_reader(browser, other_site)
    page: Any = reader.open("")
    assert (
        page.get_by_role("link", name="parameters", exact=True).get_attribute("href")
        == glossary_url + "terms/parameter/"
    )
    page.get_by_role("link", name="unrelated link").hover()
    assert page.get_by_role("tooltip").count() == 0
    context.close()


def test_embedded_definition_opens_on_first_tap_and_second_tap_follows(
    browser: Any, other_site: str, glossary_url: str
) -> None:
    context, reader, _ = _embed_reader(browser, other_site, **PHONE)
    page: Any = reader.open("")
    link = page.get_by_role("link", name="parameters", exact=True)
    link.tap()
    page.get_by_role("tooltip").wait_for()
    assert page.url == other_site
    overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    shoot(page, "embed-phone")
    assert overflow <= 0
    link.tap()
    page.wait_for_url(glossary_url + "terms/parameter/")
    context.close()


def test_embedded_definition_is_shown_as_text_never_as_html(browser: Any, other_site: str) -> None:
    context, reader, _ = _embed_reader(browser, other_site)
    page: Any = reader.open("hostile.html")
    page.get_by_role("link", name="evil").hover()
    tooltip = page.get_by_role("tooltip")
    tooltip.wait_for()
    assert tooltip.inner_text().splitlines() == ["<b>Bold</b>", '<img src=x onerror="window.owned=1">']
    assert tooltip.locator("img, b").count() == 0
    assert page.evaluate("() => window.owned") is None
    context.close()


def test_embedding_page_passes_axe_with_a_definition_open(browser: Any, other_site: str, axe_script: Path) -> None:
    context, _, _ = _embed_reader(browser, other_site)
    page = context.new_page()
    page.goto(other_site)
    page.get_by_role("link", name="parameters", exact=True).focus()
    page.get_by_role("tooltip").wait_for()
    blocking = _blocking(_violations(page, axe_script))
    context.close()
    assert blocking == []
