"""Follows, saved searches and mutes -> the inbox, its unread count and its private feed."""

from __future__ import annotations

import re
from pathlib import Path

import feedparser

from newsdesk import pipeline
from newsdesk.models import Article, EntityMention

STORY_TEXT = """Macron visits Lisbon for talks on ferries

French President Emmanuel Macron arrived in Lisbon on Tuesday for talks with Portuguese leaders about a new Atlantic ferry route.

"This route will bring our countries closer," Macron said at the harbour.
"""


def feed_url(browser) -> str:  # noqa: ANN001
    page = browser.submit("/alerts", "/alerts/feed-token", {})
    assert page.status_code == 200
    return re.search(r"(http://testserver/feeds/inbox\.atom\?token=[\w-]+)", page.text).group(1)


def test_follow_entity_then_ingest_shows_in_inbox_and_feed(site, make_user, tmp_path: Path) -> None:
    alice = make_user("alice")
    assert alice.submit("/alerts", "/alerts/follows", {"kind": "entity", "target": "Emmanuel Macron"}).status_code == 303
    url = feed_url(alice)
    assert alice.client.get("/inbox").text.count('class="item') == 0  # nothing before the article arrives

    text = tmp_path / "macron.txt"
    text.write_text(STORY_TEXT, encoding="utf-8")
    report = pipeline.ingest([str(text)], site.store, site.config)  # the real pipeline: extract, enrich, store
    assert report.failed == 0 and report.new == 1

    inbox = alice.client.get("/inbox").text
    assert "Macron visits Lisbon for talks on ferries" in inbox and "entity: Emmanuel Macron" in inbox
    assert re.search(r'id="inbox-unread">1 unread', inbox)
    assert 'aria-label="1 unread"' in alice.client.get("/login").text  # the nav badge
    parsed = feedparser.parse(alice.client.get(url.replace("http://testserver", "")).content)
    assert not parsed.bozo and parsed.feed.title == "newsdesk alerts"
    assert [e.title for e in parsed.entries] == ["Macron visits Lisbon for talks on ferries"]
    assert alice.client.get("/feeds/inbox.atom?token=not-a-token").status_code == 404
    # a second look finds nothing new: each match is found once
    assert alice.api("GET", "/api/inbox").json()["unread"] == 1
    assert alice.submit("/inbox", "/inbox/read", {}).status_code == 303
    assert alice.api("GET", "/api/inbox").json()["unread"] == 0
    bob = make_user("bob")  # follows nothing: sees nothing
    assert bob.api("GET", "/api/inbox").json() == {"unread": 0, "items": []}


def article(url: str, title: str, outlet: str, text: str, entities: list[str] = ()) -> Article:  # type: ignore[assignment]
    return Article(url=url, outlet=outlet, title=title, language="en", text=text,
                   entities=[EntityMention(name, "PERSON", 0, len(name)) for name in entities])


def test_saved_search_outlet_and_story_follows_with_mutes(site, make_user) -> None:
    alice = make_user("alice")
    assert 'id="save-search-form"' in alice.client.get("/search?q=lighthouse+keepers").text
    assert alice.api("POST", "/api/saved-searches", json={"query": "lighthouse keepers", "name": "lights"}).status_code == 201
    assert alice.api("POST", "/api/saved-searches", json={"query": "!!!"}).status_code == 400
    assert alice.api("POST", "/api/follows", json={"kind": "outlet", "target": "Gamma Post"}).status_code == 201
    assert alice.api("POST", "/api/follows", json={"kind": "story", "target": str(site.ids["story"])}).status_code == 201
    assert alice.api("POST", "/api/mutes", json={"kind": "keyword", "value": "celebrity"}).status_code == 201
    assert alice.api("POST", "/api/mutes", json={"kind": "outlet", "value": "Delta Daily"}).status_code == 201
    store = site.store
    keep = store.save_article(article("https://c.example/1", "Lighthouse keepers return", "Beta Times",
                                      "The lighthouse keepers came back to the rock.")).article_id
    muted_word = store.save_article(article("https://c.example/2", "Celebrity lighthouse keepers", "Beta Times",
                                            "A celebrity joined the lighthouse keepers.")).article_id
    muted_outlet = store.save_article(article("https://d.example/3", "Lighthouse keepers strike", "Delta Daily",
                                              "The lighthouse keepers went on strike.")).article_id
    from_outlet = store.save_article(article("https://g.example/4", "Tide tables", "Gamma Post", "High tide at noon.")).article_id

    items = alice.api("GET", "/api/inbox").json()["items"]
    found = {i["article_id"]: i["reason"] for i in items}
    assert found == {keep: "search: lights", from_outlet: "outlet: Gamma Post"}
    assert muted_word not in found and muted_outlet not in found
    # the same mutes apply to search results and the front page for alice, not for others
    mine = alice.client.get("/search?q=lighthouse").text
    theirs = site.browser().client.get("/search?q=lighthouse").text
    assert "Lighthouse keepers strike" in theirs and "Lighthouse keepers strike" not in mine
    assert "Celebrity lighthouse" not in mine and "Lighthouse keepers return" in mine
    assert "Tide tables" in alice.client.get("/").text
    assert "Celebrity lighthouse" not in alice.client.get("/").text
    follows = alice.api("GET", "/api/follows").json()["items"]
    assert {f["kind"] for f in follows} == {"outlet", "story"}
    assert alice.api("DELETE", f"/api/follows/{follows[0]['id']}").status_code == 200
    assert len(alice.api("GET", "/api/follows").json()["items"]) == 1
    assert site.browser().client.get("/api/inbox").status_code == 401


def test_entity_mute_hides_front_page_story(site, make_user) -> None:
    alice = make_user("alice")
    assert "Harbourtown agrees new ferry timetable" in alice.client.get("/").text
    assert alice.submit("/alerts", "/alerts/mutes", {"kind": "entity", "value": "harbourtown"}).status_code == 303
    front = alice.client.get("/").text
    assert "Harbourtown agrees new ferry timetable" not in front
    assert "Harbourtown agrees new ferry timetable" in site.browser().client.get("/").text
    assert "mute-form" in alice.client.get("/alerts").text and "entity: harbourtown" in alice.client.get("/alerts").text


def test_follow_button_on_a_story_page_returns_to_it(site, make_user) -> None:
    alice = make_user("alice")
    story = f"/stories/{site.ids['story']}"
    page = alice.client.get(story).text
    assert 'class="inline follow"' in page and f'href="/feeds/stories/{site.ids["story"]}.atom"' in page
    done = alice.submit(story, "/alerts/follows", {"kind": "story", "target": str(site.ids["story"]), "next": story})
    assert done.headers["location"] == story
    evil = alice.submit(story, "/alerts/follows", {"kind": "outlet", "target": "X", "next": "//evil.example/"})
    assert evil.headers["location"] == "/"
    assert [(f.kind, f.target) for f in site.store.follows(site.store.get_user_by_name("alice").id)] == [
        ("outlet", "X"), ("story", str(site.ids["story"]))]


def test_follow_from_an_entity_page(site, make_user) -> None:
    alice = make_user("alice")
    entities = alice.client.get("/api/entities").json()
    items = entities["items"] if isinstance(entities, dict) else entities
    harbour = next(e for e in items if e["name"] == "Harbourtown")
    page = f"/entities/{harbour['id']}"
    html = alice.client.get(page).text
    assert "Follow Harbourtown" in html and 'href="/feeds/entities/Harbourtown.atom"' in html
    assert alice.submit(page, "/alerts/follows", {"kind": "entity", "target": "Harbourtown", "next": page}).headers[
        "location"] == page
    new = site.store.save_article(Article(url="https://z.example/1", outlet="Zeta", title="Harbourtown fireworks",
                                          language="en", text="Harbourtown will hold fireworks.",
                                          entities=[EntityMention("Harbourtown", "GPE", 0, 11)])).article_id
    assert [i["article_id"] for i in alice.api("GET", "/api/inbox").json()["items"]] == [new]
