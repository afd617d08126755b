"""The reader's pages in a real browser: search as you type, keys, dark mode, the ask panel,
and hostile text that must stay inert. Screenshots go to test-artifacts/."""

from __future__ import annotations

from typing import Iterator
from urllib.parse import quote

import pytest

from newsdesk.web.app import create_app
from tests.web.browser import LiveServer, browser_session, only_loopback, screenshot
from tests.web.reader_data import XSS, build

# chromium is the slowest part of the suite: its store stays SQLite, while the pages, API and queries
# it drives run on both backends in the TestClient tests (test_pages, test_reader_*, accounts/)
pytestmark = pytest.mark.sqlite_only(reason="browser tests: the same pages run on both backends without chromium")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, int]]]:
    config, store, ids = build(tmp_path_factory.mktemp("browser"))
    with LiveServer(create_app(config, store)) as server:
        yield server.base, ids
    store.close()


@pytest.fixture(scope="module")
def browser(site) -> Iterator[object]:
    yield from browser_session()


@pytest.fixture
def page(browser, request) -> Iterator[object]:
    scheme = getattr(request, "param", "light")
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1100, "height": 900})
    only_loopback(context)
    context.set_default_timeout(8000)
    tab = context.new_page()
    tab.problems = []  # CSP violations and page errors: none expected anywhere
    tab.on("console", lambda m: tab.problems.append(m.text) if "Content Security Policy" in m.text else None)
    tab.on("pageerror", lambda e: tab.problems.append(str(e)))
    tab.on("dialog", lambda d: (tab.problems.append(f"dialog: {d.message}"), d.dismiss()))
    yield tab
    context.close()
    assert tab.problems == []


def test_search_as_you_type_groups_results_by_story(site, page) -> None:
    base, ids = site
    page.goto(base + "/search")
    page.fill("#q-page", "rosters")
    page.wait_for_selector("#result-count")
    assert "2 results" in page.inner_text("#result-count") and "1 story" in page.inner_text("#result-count")
    assert page.locator(".group-title a").first.get_attribute("href") == f"/stories/{ids['strike']}"
    assert "rosters" in page.url  # the URL follows the box (hx-push-url)
    assert page.locator("#results mark").count() >= 1
    screenshot(page, "search")


def test_keyboard_moves_opens_and_focuses_search(site, page) -> None:
    base, _ = site
    page.goto(base + "/")
    items = page.locator("main .item")
    page.keyboard.press("j")
    page.keyboard.press("j")
    assert "current" in items.nth(1).get_attribute("class")
    page.keyboard.press("k")
    assert "current" in items.nth(0).get_attribute("class") and page.locator("main .item.current").count() == 1
    href = items.nth(0).locator("a").first.get_attribute("href")
    screenshot(page, "front")
    page.keyboard.press("o")
    page.wait_for_url(base + href)
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "q"


@pytest.mark.parametrize("page", ["dark"], indirect=True)
def test_dark_mode_follows_the_system_and_the_toggle_is_kept(site, page) -> None:
    base, _ = site
    background = "getComputedStyle(document.body).backgroundColor"
    page.goto(base + "/")
    assert page.evaluate(background) == "rgb(20, 21, 23)"
    page.click("#theme-toggle")
    assert page.evaluate(background) == "rgb(251, 250, 247)"
    page.reload()
    assert page.evaluate(background) == "rgb(251, 250, 247)"  # the choice is kept
    assert page.get_attribute("#theme-toggle", "aria-pressed") == "false"


def test_ask_panel_answers_with_citations(site, page) -> None:
    base, ids = site
    page.goto(f"{base}/stories/{ids['strike']}")
    page.fill("#ask-q", "Why did the strike end?")
    page.press("#ask-q", "Enter")
    page.wait_for_selector("#answer .answer-sentences li")
    first = page.locator("#answer .answer-sentences li").first
    assert "ended their strike" in first.inner_text()
    assert first.locator(".cites a").first.get_attribute("href") == f"/articles/{ids['c']}"
    assert page.url.endswith(f"/stories/{ids['strike']}")  # answered in place
    page.click("text=Explain the background")
    page.wait_for_selector("#answer .background")
    screenshot(page, "story")


def test_article_page_highlights_quotes(site, page) -> None:
    base, ids = site
    page.goto(f"{base}/articles/{ids['c']}")
    assert page.inner_text("mark.quote") == "We have a fair deal at last,"
    screenshot(page, "article")
    page.goto(base + "/outlets/" + quote("Gamma Post"))
    assert "1 of 1 shared stories (100%)" in page.inner_text("main")
    screenshot(page, "outlet")


def test_hostile_text_titles_and_queries_stay_inert(site, page) -> None:
    base, ids = site
    for path in (f"/articles/{ids['e']}", f"/stories/{ids['evil']}", "/", "/search?q=" + quote(XSS),
                 "/outlets/" + quote(f"Evil {XSS}"), f"/stories/{ids['evil']}/ask?q=" + quote(XSS)):
        page.goto(base + path)
        page.wait_for_load_state("load")
        assert page.evaluate("window.__xss") is None, path
        assert page.locator("img[src='x']").count() == 0, path
    page.goto(base + "/search")
    page.fill("#q-page", XSS)  # typed, then rendered by htmx
    page.wait_for_selector("#result-count")
    assert page.evaluate("window.__xss") is None
    assert XSS in page.inner_text("#result-count")  # shown as text


def test_entity_page_draws_its_graph_and_links_from_it(site, page) -> None:
    base, ids = site
    page.goto(f"{base}/stories/{ids['strike']}")
    page.locator("main a[href^='/entities/']", has_text="Harbourtown").first.click()
    page.wait_for_load_state("load")
    assert page.url.startswith(base + "/entities/") and page.inner_text("h1") == "Harbourtown"
    graph = page.locator("svg.entity-graph")
    assert graph.is_visible() and graph.get_attribute("role") == "img"
    assert "Maria Costa" in page.text_content("svg.entity-graph desc")
    box = graph.bounding_box()
    assert box is not None and box["width"] > 300  # drawn at a readable size in the main column
    screenshot(page, "entity")
    node = graph.locator("a", has_text="Maria Costa")
    node.click()  # a node is a link to that entity's page
    page.wait_for_load_state("load")
    assert page.inner_text("h1") == "Maria Costa"


@pytest.mark.parametrize("page", ["dark"], indirect=True)
def test_entity_graph_follows_dark_mode(site, page) -> None:
    base, ids = site
    page.goto(f"{base}/stories/{ids['strike']}")
    page.locator("main a[href^='/entities/']", has_text="Harbourtown").first.click()
    page.wait_for_selector("svg.entity-graph")
    fill = "getComputedStyle(document.querySelector('svg.entity-graph .node text')).fill"
    assert page.evaluate(fill) == "rgb(232, 230, 227)"  # the dark theme's text colour, readable on its background
    screenshot(page, "entity-dark")
