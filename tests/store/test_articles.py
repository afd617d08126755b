from __future__ import annotations

from datetime import datetime, timezone

from newsdesk.models import Article, EntityMention
from newsdesk.store.base import OutletRef
from newsdesk.store.keys import url_key

TEXT = "Vladimir Putin proposed direct talks with Ukraine in Istanbul.\n\nKyiv said it would consider it."


def make(url: str | None, outlet: str, text: str = TEXT, title: str = "Putin proposes Istanbul talks") -> Article:
    return Article(
        url=url, outlet=outlet, title=title, text=text, language="en",
        published=datetime(2025, 5, 11, 8, 30, tzinfo=timezone.utc),
        entities=[EntityMention("Vladimir Putin", "PERSON", 0, 14, "Vladimir Putin"),
                  EntityMention("Istanbul", "GPE", 52, 60)],
    )


def test_url_key_folds_tracking_scheme_www_slash() -> None:
    a = url_key("https://www.Example.com/news/story/?utm_source=x&id=3#top")
    b = url_key("http://example.com:80/news/story?id=3&fbclid=zz")
    assert a == b == "example.com/news/story?id=3"
    assert url_key("https://example.com/news/other") != a
    assert url_key(None) is None and url_key("  ") is None


def test_same_url_twice_is_one_article_with_history(store) -> None:
    first = store.save_article(make("https://ex.com/a?utm_source=rss", "Ex"))
    assert first.created
    same = store.save_article(make("https://www.ex.com/a", "Ex"))
    assert same.article_id == first.article_id and not same.created and not same.changed
    updated_text = TEXT + "\n\nUpdate: Zelensky said he would wait for Putin in Turkey."
    upd = store.save_article(make("https://ex.com/a", "Ex", text=updated_text, title="Zelensky will wait"))
    assert upd.article_id == first.article_id and upd.changed and not upd.created
    assert store.count_articles() == 1
    stored = store.get_article(first.article_id)
    assert stored.version == 2 and stored.article.title == "Zelensky will wait" and "Update:" in stored.article.text
    history = store.article_versions(first.article_id)
    assert [v.version for v in history] == [1, 2]
    assert history[0].article.text == TEXT and history[1].article.text == updated_text
    assert store.search("Zelensky")[0].article_id == first.article_id  # index follows the new text


def test_same_content_from_two_outlets_is_one_article_two_outlets(store) -> None:
    a = store.save_article(make("https://ex.com/a", "Ex"))
    b = store.save_article(make("https://other.org/b", "Other", text=TEXT.replace("\n\n", "\n\n  ")))
    assert b.article_id == a.article_id and not b.created and not b.changed
    stored = store.get_article(a.article_id)
    assert [o.name for o in stored.outlets] == ["Ex", "Other"]
    assert stored.outlets[1].url == "https://other.org/b"
    assert store.count_articles() == 1
    assert store.find_article(make("https://other.org/b/", "Other", text="anything")).by == "url"
    store.add_outlet(a.article_id, OutletRef("Other", "https://other.org/b", None))  # idempotent
    assert len(store.get_article(a.article_id).outlets) == 2


def test_different_articles_stay_apart_and_list_in_reading_order(store) -> None:
    old = make("https://ex.com/old", "Ex", text="Older story about grain.", title="Grain")
    old.published = datetime(2025, 5, 1, tzinfo=timezone.utc)
    store.save_article(old)
    store.save_article(make("https://ex.com/new", "Ex"))
    listed = store.list_articles()
    assert [s.article.title for s in listed] == ["Putin proposes Istanbul talks", "Grain"]
    assert listed[0].article.published == datetime(2025, 5, 11, 8, 30, tzinfo=timezone.utc)
    assert store.list_articles(limit=1, offset=1)[0].article.title == "Grain"
    assert store.get_article(999) is None


def test_article_json_round_trips(store) -> None:
    art = make("https://ex.com/a", "Ex")
    art.authors, art.keywords = ["Jane Doe"], ["talks", "Istanbul"]
    saved = store.get_article(store.save_article(art).article_id)
    assert saved.article.to_json() == art.to_json()
    data = saved.to_json()
    assert data["id"] == saved.id and data["outlets"][0]["name"] == "Ex"


def test_entities_merge_on_key_and_mentions_kept(store) -> None:
    store.save_article(make("https://ex.com/a", "Ex"))
    other = Article(url="https://ex.com/b", outlet="Ex", title="Kremlin", text="Putin spoke.",
                    entities=[EntityMention("Putin", "PERSON", 0, 5, "Vladimir Putin")])
    store.save_article(other)
    counts = {name: n for name, _, n in store.entity_counts()}
    assert counts["Vladimir Putin"] == 2 and counts["Istanbul"] == 1
    conn = store.db.conn()
    aliases = conn.execute("SELECT aliases FROM entities WHERE name = 'Vladimir Putin'").fetchone()[0]
    assert "Putin" in aliases
    assert conn.execute('SELECT start, "end", name FROM mentions WHERE name = \'Istanbul\'').fetchone()[:] == (52, 60, "Istanbul")


def test_articles_without_url_match_by_text(store) -> None:
    a = store.save_article(make(None, "Ex"))
    b = store.save_article(make(None, "Ex"))
    assert a.article_id == b.article_id and store.count_articles() == 1


def test_bulk_save_inserts_new_articles_in_one_go_and_refuses_a_held_url(store) -> None:
    import pytest

    ids = store.bulk_save_articles([(make(f"https://ex.com/{i}", f"Outlet{i}", text=f"{TEXT} Report {i}."), None)
                                    for i in range(3)])
    assert len(set(ids)) == 3 and store.count_articles() == 3
    found = store.find_article(make("https://www.ex.com/1", "Other"))
    assert found is not None and found.article_id == ids[1] and found.by == "url"
    assert store.get_article(ids[2]).article.outlet == "Outlet2"
    assert [h.article_id for h in store.search("Istanbul", limit=5)]  # indexed like save_article's
    with pytest.raises(Exception):  # a held URL: the whole batch rolls back
        store.bulk_save_articles([(make("https://ex.com/new", "X", text="Fresh text."), None),
                                  (make("https://ex.com/0", "Y", text="Other text."), None)])
    assert store.count_articles() == 3
