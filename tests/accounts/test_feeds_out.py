"""Outgoing Atom and JSON Feed documents, parsed back with feedparser."""

from __future__ import annotations

import json

import feedparser
import pytest

from newsdesk.models import Article
from newsdesk.sources.feeds import parse_feed


@pytest.mark.parametrize("fmt", ["atom", "json"])
def test_every_feed_parses_back(site, make_user, fmt: str) -> None:
    client = site.browser().client
    cases = {
        f"/feeds/front.{fmt}": {"Harbourtown agrees new ferry timetable", "Ferry timetable changes agreed"},
        f"/feeds/stories/{site.ids['story']}.{fmt}": {"Harbourtown agrees new ferry timetable"},
        f"/feeds/entities/Harbourtown.{fmt}": {"Harbourtown agrees new ferry timetable"},
        f"/feeds/outlets/Beta Times.{fmt}": {"Ferry timetable changes agreed"},
        f"/feeds/search.{fmt}?q=ferry": {"Harbourtown agrees new ferry timetable", "Ferry timetable changes agreed"},
    }
    for path, titles in cases.items():
        response = client.get(path)
        assert response.status_code == 200, path
        if fmt == "atom":
            assert response.headers["content-type"].startswith("application/atom+xml")
            parsed = feedparser.parse(response.content)
            assert not parsed.bozo, (path, parsed.bozo_exception)
            assert parsed.version == "atom10"
            assert {e.title for e in parsed.entries} == titles, path
            assert all(e.link.startswith("http://testserver/articles/") for e in parsed.entries)
        else:
            document = json.loads(response.content)
            assert document["version"] == "https://jsonfeed.org/version/1.1"
            assert {i["title"] for i in document["items"]} == titles, path
            assert all(i["content_text"] and i["id"] for i in document["items"])
            ours = parse_feed(response.content, path, content_type=response.headers["content-type"])
            assert {e.title for e in ours.entries} == titles  # newsdesk's own feed reader takes it back
    assert client.get("/feeds/front.rss").status_code == 404
    assert client.get(f"/feeds/stories/9999.{fmt}").status_code == 404


def test_hostile_titles_stay_text_and_control_characters_go(site) -> None:
    title = 'Breaking </title><script>alert(1)</script> & "quotes" \x01\x0b end'
    site.store.save_article(Article(url="https://h.example/x", outlet="Hostile <b>Outlet</b>", title=title,
                                    language="en", text="Body with \x02 control \x1f characters."))
    raw = site.browser().client.get("/feeds/front.atom").content
    assert b"<script>" not in raw and b"\x01" not in raw
    parsed = feedparser.parse(raw)
    assert not parsed.bozo
    titles = [e.title for e in parsed.entries]
    assert 'Breaking </title><script>alert(1)</script> & "quotes"  end' in titles


def test_saved_search_feed_needs_the_owner_token(site, make_user) -> None:
    import re

    alice, bob = make_user("alice"), make_user("bob")
    saved = alice.api("POST", "/api/saved-searches", json={"query": "ferry"}).json()
    token = re.search(r"token=([\w-]+)", alice.submit("/alerts", "/alerts/feed-token", {}).text).group(1)
    other = re.search(r"token=([\w-]+)", bob.submit("/alerts", "/alerts/feed-token", {}).text).group(1)
    anonymous = site.browser().client
    ok = anonymous.get(f"/feeds/saved/{saved['id']}.atom?token={token}")
    assert ok.status_code == 200 and len(feedparser.parse(ok.content).entries) == 2
    assert anonymous.get(f"/feeds/saved/{saved['id']}.atom?token={other}").status_code == 404
    assert anonymous.get(f"/feeds/saved/{saved['id']}.atom").status_code == 404
    # a new token revokes the old one
    alice.submit("/alerts", "/alerts/feed-token", {})
    assert anonymous.get(f"/feeds/saved/{saved['id']}.json?token={token}").status_code == 404
