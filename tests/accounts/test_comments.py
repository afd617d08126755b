"""Comments through the real app: threads, safe markdown, edit/delete windows, reports,
moderation and per-user rate limits."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from pathlib import Path

import lxml.html

from newsdesk.store.times import to_db
from tests.accounts.conftest import make_site


def post(browser, site, body: str, parent: int | None = None, page: str | None = None):  # noqa: ANN001, ANN201
    page = page or f"/articles/{site.ids['a']}"
    data = {"target": "article", "target_id": site.ids["a"], "body": body}
    if parent is not None:
        data["parent_id"] = parent
    return browser.submit(page, "/comments", data)


def bodies(html: str) -> list[str]:
    return re.findall(r'<div class="comment-body">(.*?)</div>', html, re.S)


def test_comment_reply_and_markdown_is_inert(site, make_user) -> None:
    alice, bob = make_user("alice"), make_user("bob")
    hostile = (
        "**bold** <script>alert(1)</script> [click](javascript:alert(2)) "
        '<img src=x onerror="alert(3)"> <a href="javascript:alert(4)" onclick="x()">a</a> [ok](https://example.org/x)'
    )
    first = post(alice, site, hostile)
    assert first.status_code == 303 and re.search(r"/articles/\d+#comment-\d+$", first.headers["location"])
    parent_id = int(first.headers["location"].rsplit("-", 1)[1])
    assert post(bob, site, "a *reply*", parent=parent_id).status_code == 303
    assert post(alice, site, "reply to the reply", parent=parent_id + 1).status_code == 303

    page = site.browser().client.get(f"/articles/{site.ids['a']}").text  # anonymous reader
    rendered = bodies(page)
    assert len(rendered) == 3
    top = rendered[0]
    assert "<strong>bold</strong>" in top and "&lt;script&gt;" in top  # shown as text
    tree = lxml.html.fragment_fromstring(top, create_parent="div")
    assert not tree.xpath("//script | //img | //iframe")
    assert not [a for el in tree.iter() for a in el.attrib if a.lower().startswith("on")]
    assert [a.get("href") for a in tree.xpath("//a")] == ["https://example.org/x"]
    assert '<a href="https://example.org/x" rel="nofollow ugc noopener noreferrer">ok</a>' in top
    assert "<em>reply</em>" in rendered[1]
    assert 'class="comment depth-1"' in page and 'class="comment depth-2"' in page
    api = site.browser().client.get(f"/api/comments?article_id={site.ids['a']}").json()
    assert [c["depth"] for c in api["items"]] == [0, 1, 2] and api["count"] == 3
    assert post(bob, site, "reply elsewhere", parent=999).status_code == 400


def test_edit_window_and_delete_rules(site, make_user) -> None:
    alice, bob = make_user("alice"), make_user("bob")
    location = post(alice, site, "first version").headers["location"]
    comment_id = int(location.rsplit("-", 1)[1])
    page = f"/comments/{comment_id}/edit"
    assert alice.submit(page, page, {"body": "second version"}).status_code == 303
    assert site.store.get_comment(comment_id).body == "second version"
    assert bob.client.get(page).status_code == 403  # not his
    assert bob.submit("/login", page, {"body": "hijacked"}).status_code == 403
    assert bob.submit("/login", f"/comments/{comment_id}/delete", {}).status_code == 403

    # 16 minutes later (the comment is aged in the database) the edit window has closed
    aged = to_db(datetime.now(timezone.utc) - timedelta(minutes=16))  # the store's own time format, either backend
    site.store.db.conn().execute("UPDATE comments SET created_at = ? WHERE id = ?", (aged, comment_id))
    assert alice.client.get(page).status_code == 403
    assert alice.submit("/login", page, {"body": "too late"}).status_code == 403
    assert site.store.get_comment(comment_id).body == "second version"
    assert 'href="/comments/%d/edit"' % comment_id not in alice.client.get(f"/articles/{site.ids['a']}").text

    reply = post(bob, site, "a reply that stays", parent=comment_id)
    assert reply.status_code == 303
    assert alice.submit("/login", f"/comments/{comment_id}/delete", {}).status_code == 303  # owner, any time
    text = site.browser().client.get(f"/articles/{site.ids['a']}").text
    assert "[deleted]" in text and "second version" not in text and "a reply that stays" in text


def test_report_and_moderation_queue(site, make_user) -> None:
    alice, bob, mod = make_user("alice"), make_user("bob"), make_user("mod", role="moderator")
    comment_id = int(post(alice, site, "something rude").headers["location"].rsplit("-", 1)[1])
    assert bob.client.get("/moderation").status_code == 403
    assert bob.submit("/login", f"/comments/{comment_id}/report", {"reason": "rude"}).status_code == 303
    queue = mod.client.get("/moderation")
    assert queue.status_code == 200 and "something rude" in queue.text and "bob: rude" in queue.text
    report_id = int(re.search(r'id="report-(\d+)"', queue.text).group(1))
    assert mod.submit("/moderation", f"/moderation/reports/{report_id}", {"action": "hide"}).status_code == 303
    assert "Nothing to review" in mod.client.get("/moderation").text
    assert "something rude" not in site.browser().client.get(f"/articles/{site.ids['a']}").text
    assert "something rude" in mod.client.get(f"/articles/{site.ids['a']}").text  # moderators still see it
    assert mod.submit("/login", f"/moderation/reports/{report_id}", {"action": "restore"}).status_code == 404  # closed

    # a second report, dismissed: the comment stays as it is; a restore brings the first back
    assert mod.submit("/login", f"/comments/{comment_id}/hide", {"action": "restore"}).status_code == 303
    assert bob.api("POST", f"/api/comments/{comment_id}/report", json={"reason": "still rude"}).json() == {"reported": False}
    carol = make_user("carol")
    assert carol.api("POST", f"/api/comments/{comment_id}/report", json={"reason": "meh"}).json() == {"reported": True}
    report_id = int(re.search(r'id="report-(\d+)"', mod.client.get("/moderation").text).group(1))
    assert mod.submit("/moderation", f"/moderation/reports/{report_id}", {"action": "dismiss"}).status_code == 303
    assert "something rude" in site.browser().client.get(f"/articles/{site.ids['a']}").text
    assert mod.submit("/login", f"/comments/{comment_id}/delete", {}).status_code == 303  # moderators: always


def test_per_user_rate_limit_and_story_comments(tmp_path: Path, db_url: str) -> None:
    for site in make_site(tmp_path, db_url, comments_per_minute=2):
        browser = site.browser()
        assert browser.signup("speedy").status_code == 303
        story = f"/stories/{site.ids['story']}"
        data = {"target": "story", "target_id": site.ids["story"]}
        assert browser.submit(story, "/comments", {**data, "body": "one"}).status_code == 303
        assert browser.submit(story, "/comments", {**data, "body": "two"}).status_code == 303
        third = browser.submit(story, "/comments", {**data, "body": "three"})
        assert third.status_code == 429 and "at most 2 a minute" in third.text
        assert [c.body for c in site.store.list_comments(story_id=site.ids["story"])] == ["one", "two"]
        assert bodies(browser.client.get(story).text) == ["<p>one</p>\n", "<p>two</p>\n"]
        assert browser.api("POST", "/api/comments", json={**data, "body": "four"}).status_code == 429
