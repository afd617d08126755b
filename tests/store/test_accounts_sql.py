"""The accounts, moderation and alerts SQL (migration 0005) on both backends."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from newsdesk.models import Article, Assignment, EntityMention


def test_sessions_failures_and_invites(store) -> None:
    user = store.create_user("Dana", "h")
    now = datetime.now(timezone.utc)
    store.create_session("live", user.id, now + timedelta(hours=1))
    store.create_session("old", user.id, now - timedelta(hours=1))
    assert store.session_user("live").id == user.id and store.session_user("old") is None
    assert store.delete_expired_sessions() == 1
    store.record_login_failure(["user:dana", "ip:1.2.3.4"], 100.0)
    store.record_login_failure(["user:dana"], 200.0)
    assert store.login_failures_since("user:dana", 50.0) == (2, 200.0)
    store.clear_login_failures("user:dana")
    assert store.login_failures_since("user:dana", 0.0) == (0, None)
    store.create_invite("code", role="moderator", created_by=user.id)
    invited = store.create_user_with_invite("code", "erin", "h")
    assert invited.role == "moderator"
    with pytest.raises(ValueError, match="already used"):
        store.create_user_with_invite("code", "frank", "h")


def test_comment_reports_are_resolved_once(store) -> None:
    article_id = store.save_article(Article(url="https://ex.com/a", outlet="Ex", title="T", text="body")).article_id
    author, reader = store.create_user("ann", "h"), store.create_user("ben", "h")
    comment = store.add_comment(author.id, "rude words", article_id=article_id)
    assert store.report_comment(comment.id, reader.id, "rude") and not store.report_comment(comment.id, reader.id)
    [report] = store.open_reports()
    assert report.comment_author == "ann" and report.reporter == "ben"
    assert store.resolve_report(report.id, "hidden", author.id) == comment.id
    assert store.resolve_report(report.id, "hidden", author.id) is None and store.open_reports() == []
    assert store.get_comment(comment.id).hidden
    store.delete_comment(comment.id)
    assert store.get_comment(comment.id).deleted and store.count_recent_comments(author.id, "2000-01-01T00:00:00+00:00") == 1


def test_alert_matching_over_the_article_cursor(store) -> None:
    user = store.create_user("cat", "h")
    assert store.start_alerts(user.id) == 0
    first = store.save_article(Article(url="https://ex.com/1", outlet="Harbour Times", title="Ferry strike",
                                       text="The ferry strike in Harbourtown goes on.",
                                       entities=[EntityMention("Harbourtown", "GPE", 20, 31, "Harbourtown")])).article_id
    second = store.save_article(Article(url="https://ex.com/2", outlet="Other", title="Tram", text="A tram line opens.")).article_id
    story = store.save_story_assignment(second, Assignment(None, 1.0, True), "Tram")
    upto = store.max_article_id()
    assert store.articles_mentioning("harbourtown", 0, upto) == [first]
    assert store.articles_from_outlet("harbour times", 0, upto) == [first]
    assert store.articles_matching("ferry strike", 0, upto) == [first] and store.articles_matching("ferry", first, upto) == []
    assert store.articles_in_story(story, 0, upto) == [second]
    assert store.stories_mentioning(["HARBOURTOWN"], [story]) == set()
    store.add_saved_search(user.id, "ferries", "ferry")
    store.add_follow(user.id, "outlet", "Harbour Times")
    store.add_follow(user.id, "outlet", "Harbour Times")  # once only
    store.add_mute(user.id, "keyword", "Tram")
    assert store.add_mute(user.id, "keyword", "TRAM").value == "Tram"  # mutes ignore case
    assert store.users_with_alerts() == [user.id] and len(store.follows(user.id)) == 1
    assert store.add_inbox_items(user.id, [(first, "outlet: Harbour Times"), (first, "search: ferry")], upto) == 1
    assert store.add_inbox_items(user.id, [], 1) == 0 and store.alert_settings(user.id).scanned_to == upto  # never back
    [item] = store.inbox(user.id)
    assert item.url == "https://ex.com/1" and item.title == "Ferry strike" and store.unread_count(user.id) == 1
    assert store.mark_inbox_read(user.id) == 1 and store.inbox(user.id, unread_only=True) == []
    store.mark_delivered([item.id])
    assert store.inbox(user.id, undelivered_only=True) == []
