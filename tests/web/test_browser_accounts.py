"""A reader's account in a real browser: sign up, log in, comment (a hostile comment stays
inert), report it, a moderator hides it, follow an entity and receive the alert in the inbox."""

from __future__ import annotations

from datetime import timedelta
from typing import Iterator

import pytest

from newsdesk.models import Article, EntityMention
from newsdesk.store import open_store
from newsdesk.web.app import create_app
from tests.web.browser import LiveServer, browser_session, only_loopback, screenshot
from tests.web.conftest import NOW
from tests.web.reader_data import XSS, build

PASSWORD = "correct horse battery"

# chromium is the slowest part of the suite: its store stays SQLite, while the pages, API and queries
# it drives run on both backends in the TestClient tests (test_pages, test_reader_*, accounts/)
pytestmark = pytest.mark.sqlite_only(reason="browser tests: the same pages run on both backends without chromium")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, int], object]]:
    from newsdesk.accounts.passwords import hash_password

    config, store, ids = build(tmp_path_factory.mktemp("browser-accounts"))
    config.accounts.argon2_time_cost, config.accounts.argon2_memory_kib = 1, 8192  # fast hashes for the test
    store.create_user("mod", hash_password(PASSWORD), role="moderator")
    with LiveServer(create_app(config, store)) as server:
        yield server.base, ids, config
    store.close()


@pytest.fixture(scope="module")
def browser(site) -> Iterator[object]:
    yield from browser_session()


def new_tab(browser: object) -> object:
    context = browser.new_context(viewport={"width": 1100, "height": 900})  # type: ignore[attr-defined]
    only_loopback(context)
    context.set_default_timeout(8000)
    tab = context.new_page()
    tab.problems = []
    tab.on("pageerror", lambda e: tab.problems.append(str(e)))
    tab.on("dialog", lambda d: (tab.problems.append(f"dialog: {d.message}"), d.dismiss()))
    return tab


def sign_up(tab: object, base: str, name: str) -> None:
    tab.goto(base + "/signup")
    tab.fill("#signup-username", name)
    tab.fill("#signup-password", PASSWORD)
    tab.click("#signup-submit")
    tab.wait_for_load_state()
    assert tab.locator("#signup-error").count() == 0


def log_in(tab: object, base: str, name: str) -> None:
    tab.goto(base + "/login")
    tab.fill("#login-username", name)
    tab.fill("#login-password", PASSWORD)
    tab.click("#login-submit")
    tab.wait_for_load_state()
    assert tab.locator("#login-error").count() == 0, tab.inner_text("#login-error")


def test_sign_up_comment_report_and_moderate(site, browser) -> None:
    base, ids, _ = site
    reader = new_tab(browser)
    sign_up(reader, base, "ada")
    reader.context.clear_cookies()
    log_in(reader, base, "ada")

    reader.goto(f"{base}/articles/{ids['c']}")
    reader.fill("#comment-body", f"**Good** news {XSS} [x](javascript:window.__xss=3)")
    reader.click("#comment-submit")
    reader.wait_for_selector(".comment-body strong")
    body = reader.locator(".comment-body").first
    assert body.locator("strong").inner_text() == "Good"
    assert body.locator("script").count() == 0 and body.locator("img[onerror]").count() == 0
    assert all(not (a.get_attribute("href") or "").startswith("javascript:") for a in body.locator("a").all())
    assert reader.evaluate("window.__xss === undefined")
    screenshot(reader, "article-comment")

    comment_id = reader.locator(".comment").first.get_attribute("id").split("-")[1]
    mod = new_tab(browser)
    log_in(mod, base, "mod")
    mod.goto(f"{base}/articles/{ids['c']}")
    mod.click(f"#comment-{comment_id} details.report summary")
    mod.fill(f"#report-{comment_id}", "spam")
    mod.click(f"#comment-{comment_id} details.report button")
    mod.goto(base + "/moderation")
    assert "spam" in mod.inner_text("main")
    screenshot(mod, "moderation")
    mod.click("main button:has-text('Hide')")
    mod.wait_for_load_state()

    reader.context.clear_cookies()  # an anonymous visitor no longer sees the hidden comment's text
    reader.goto(f"{base}/articles/{ids['c']}")
    assert "Good" not in reader.inner_text("#comments")
    assert reader.problems == [] and mod.problems == []


def test_follow_an_entity_and_receive_the_alert(site, browser) -> None:
    base, _, config = site
    tab = new_tab(browser)
    sign_up(tab, base, "grace")
    tab.context.clear_cookies()
    log_in(tab, base, "grace")

    tab.goto(base + "/entities?q=Maria")
    tab.click("main a:has-text('Maria Costa')")
    tab.click("form.follow button")
    tab.wait_for_load_state()
    screenshot(tab, "entity-followed")

    # a second writer on the same database file stores a new article about her
    writer = open_store(config.db_url)
    try:
        writer.save_article(Article(
            url="https://delta.example/costa", outlet="Delta Daily", title="Maria Costa elected union chair",
            published=NOW - timedelta(hours=1), language="en",
            text="Maria Costa was elected chair of the ferry union on Tuesday.",
            entities=[EntityMention("Maria Costa", "PERSON", 0, 11, canonical="Maria Costa")]))
    finally:
        writer.close()
    tab.goto(base + "/inbox")
    assert "Maria Costa elected union chair" in tab.inner_text("main")
    screenshot(tab, "inbox")
    assert tab.problems == []
