"""The article page reads its story lightly: the story's other articles as heads (title,
outlet, published, URL, outlets; never the text), with a LIMIT, and the article's own
assignment without loading the story; what it shows is what the whole story said."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from newsdesk.models import Assignment
from newsdesk.web import queries

from .conftest import sample_articles


def _story_of(store, count: int) -> tuple[int, list[int]]:
    first, _ = sample_articles()
    ids: list[int] = []
    story_id = None
    for n in range(count):
        article = replace(first, url=f"https://o{n}.example/a", outlet=f"Outlet {n}", title=f"Ferry report {n}",
                          published=first.published + timedelta(minutes=n, microseconds=123),
                          text=f"Report number {n} on the ferries.")
        article_id = store.save_article(article).article_id
        story_id = store.save_story_assignment(
            article_id, Assignment(story_id=story_id, score=0.5 + n / 100, new_story=story_id is None,
                                   reason=f"joined as number {n}"), article.title)
        ids.append(article_id)
    return story_id, ids


def test_story_heads_carry_what_a_list_shows_in_reading_order_within_the_limit(store) -> None:
    story_id, ids = _story_of(store, 6)
    heads = store.story_article_heads(story_id, 4)
    assert [h.id for h in heads] == ids[:4]
    for head in heads:
        full = store.get_article(head.id)
        assert (head.article.title, head.article.outlet, head.article.url, head.article.published) == (
            full.article.title, full.article.outlet, full.article.url, full.article.published)
        assert head.outlets == full.outlets and head.first_seen == full.first_seen
        assert head.article.text == "" and head.story_id == story_id
    assert store.story_assignment(story_id, ids[2]).reason == "joined as number 2"
    assert store.story_assignment(story_id + 1, ids[2]) is None
    # the newest few, newest first: what an article page's "same story elsewhere" shows
    assert [h.id for h in store.story_article_heads(story_id, 4, newest_first=True)] == ids[::-1][:4]


def test_article_page_json_is_what_the_whole_story_gives(store) -> None:
    story_id, ids = _story_of(store, 5)
    detail = store.get_story(story_id)
    page = queries.article_page(store, ids[1])
    assert page.story == detail.summary
    assert page.assignment == dict(detail.assignments)[ids[1]]
    # the other outlets' articles, newest first
    expected = [queries.article_brief(a) for a in reversed(detail.articles) if a.id != ids[1]]
    assert page.to_json()["story_articles"] == expected


def test_story_page_reads_heads_and_lists_what_the_whole_story_gives(store) -> None:
    story_id, ids = _story_of(store, 4)
    full, light = store.get_story(story_id), store.get_story(story_id, light=True)
    assert [a.id for a in light.articles] == [a.id for a in full.articles] == ids
    assert all(a.article.text == "" for a in light.articles) and full.articles[0].article.text
    assert (light.summary, light.assignments, light.data) == (full.summary, full.assignments, full.data)
    page = queries.story_page(store, story_id)
    assert page.to_json()["articles"] == [queries.article_brief(a) for a in full.articles]
    assert page.coverage_by_outlet() == [(name, [next(h for h in light.articles if h.id == a.id) for a in items])
                                         for name, items in queries.StoryPage(full).coverage_by_outlet()]
