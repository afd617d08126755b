from __future__ import annotations

from datetime import datetime, timezone

import pytest

from newsdesk.models import Article, Assignment


def save(store, n: int, outlet: str, day: int) -> int:
    art = Article(url=f"https://{outlet.lower()}.com/{n}", outlet=outlet, title=f"Article {n}",
                  text=f"Body number {n} about the talks.", published=datetime(2025, 5, day, tzinfo=timezone.utc))
    return store.save_article(art).article_id


def test_assignments_build_stories_with_reasons(store) -> None:
    a, b, c = save(store, 1, "Ex", 10), save(store, 2, "Other", 12), save(store, 3, "Ex", 11)
    story = store.save_story_assignment(a, Assignment(None, 1.0, True, reason="first"), "Istanbul talks")
    assert store.save_story_assignment(
        b, Assignment(story, 0.8, False, similar_articles=[(a, 0.8)], shared_entities=["Putin"], reason="shares Putin"), "x"
    ) == story
    other = store.save_story_assignment(c, Assignment(None, 1.0, True), "Grain")
    stories = store.list_stories()
    assert [s.id for s in stories] == [story, other]  # latest article first
    top = stories[0]
    assert top.article_count == 2 and top.outlets == ["Ex", "Other"] and top.outlet_count == 2
    assert top.first_seen.day == 10 and top.last_seen.day == 12
    detail = store.get_story(story)
    assert [s.id for s in detail.articles] == [a, b]
    reasons = dict(detail.assignments)
    assert reasons[b].similar_articles == [(a, 0.8)] and reasons[b].shared_entities == ["Putin"]
    assert store.get_article(b).story_id == story
    store.save_story_data(story, {"title": "Putin and Zelensky in Istanbul", "timeline": [{"date": "2025-05-15"}]})
    detail = store.get_story(story)
    assert detail.summary.title == "Putin and Zelensky in Istanbul" and detail.data["timeline"][0]["date"] == "2025-05-15"
    assert store.get_story(12345) is None


def test_story_state_blob_round_trip(store) -> None:
    assert store.load_story_state("engine") is None
    store.save_story_state("engine", b"\x00\x01blob")
    store.save_story_state("engine", b"\x00\x02blob")
    assert store.load_story_state("engine") == b"\x00\x02blob"


def test_merge_stories_moves_everything(store) -> None:
    a, b = save(store, 1, "Ex", 10), save(store, 2, "Other", 12)
    s1 = store.save_story_assignment(a, Assignment(None, 1.0, True), "One")
    s2 = store.save_story_assignment(b, Assignment(None, 1.0, True), "Two")
    store.merge_stories(s2, s1)
    assert store.get_story(s2) is None
    detail = store.get_story(s1)
    assert [s.id for s in detail.articles] == [a, b] and {aid for aid, _ in detail.assignments} == {a, b}
    assert detail.summary.last_seen.day == 12 and store.get_article(b).story_id == s1
    assert [s.id for s in store.list_stories()] == [s1]


def test_split_story_moves_the_articles_and_keeps_reasons(store) -> None:
    a, b, c = save(store, 1, "Ex", 10), save(store, 2, "Other", 12), save(store, 3, "Third", 13)
    s1 = store.save_story_assignment(a, Assignment(None, 1.0, True, reason="new story"), "One")
    for art in (b, c):
        store.save_story_assignment(art, Assignment(s1, 0.5, False, reason="joined story"), "One")
    s2 = store.split_story(s1, [b, c], "Two", "split from story: linked only to each other")
    assert s2 != s1 and store.get_article(b).story_id == s2 and store.get_article(a).story_id == s1
    detail = store.get_story(s2)
    assert [s.id for s in detail.articles] == [b, c]
    assert all("joined story; then split from story" in asg.reason for _, asg in detail.assignments)
    assert detail.summary.first_seen.day == 12 and store.get_story(s1).summary.last_seen.day == 10
    with pytest.raises(KeyError, match="none of articles"):
        store.split_story(s1, [b], "Three", "again")


def test_a_merged_story_leaves_a_redirect_and_its_id_is_never_given_again(store) -> None:
    a, b, c, d = (save(store, n, "Ex", 10 + n) for n in range(1, 5))
    s1 = store.save_story_assignment(a, Assignment(None, 1.0, True), "One")
    s2 = store.save_story_assignment(b, Assignment(None, 1.0, True), "Two")
    s3 = store.save_story_assignment(c, Assignment(None, 1.0, True), "Three")
    assert store.story_redirect(s3) is None
    store.merge_stories(s3, s2)  # the newest id goes: SQLite would hand max(id) + 1 = s3 out again
    store.merge_stories(s2, s1)  # a chain s3 -> s2 -> s1 is kept one step long
    assert (store.story_redirect(s3), store.story_redirect(s2), store.story_redirect(s1)) == (s1, s1, None)
    s4 = store.save_story_assignment(d, Assignment(None, 1.0, True), "Four")
    assert s4 not in (s2, s3) and store.story_redirect(s3) == s1
    split = store.split_story(s1, [c], "Split", "a different event")
    assert split not in (s2, s3, s4)
    assert store.existing_story_ids([s1, s2, s3, s4, split, 999]) == {s1, s4, split}
