"""Entities merged across the store, with their quotes and dated events, in a real SQLite file."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timedelta, timezone

import pytest

from newsdesk.models import Article, EntityMention, Event, Quote, TimeMention
from newsdesk.store.db import migration_files, split_statements
from newsdesk.store.sqlite import SQLiteStorage
from newsdesk.store.times import now_db

DAY = datetime(2025, 5, 11, 9, 0, tzinfo=timezone.utc)


def article(slug: str, people: list[tuple[str, str]], *, days: int = 0, quotes: list[Quote] | None = None,
            events: list[Event] | None = None, text: str | None = None) -> Article:
    """An article as enrich leaves it: (surface, canonical) people, each mentioned once."""
    mentions = [EntityMention(surface, "PERSON", i * 10, i * 10 + len(surface), canonical)
                for i, (surface, canonical) in enumerate(people)]
    return Article(
        url=f"https://news.example/{slug}", outlet="Example News", title=f"Story {slug}",
        published=DAY + timedelta(days=days), text=text or f"Text of {slug}. " + " ".join(s for s, _ in people),
        entities=mentions, quotes=quotes or [], events=events or [],
        times=[TimeMention(e.date, 0, 4, e.date, "date") for e in events or []],
    )


def rows(store: SQLiteStorage) -> dict[str, tuple[int, list[str]]]:
    return {
        r["name"]: (r["id"], json.loads(r["aliases"]))
        for r in store.db.conn().execute("SELECT id, name, aliases FROM entities")
    }


def test_spelling_variants_and_transliterations_are_one_entity(store: SQLiteStorage) -> None:
    store.save_article(article("a", [("Volodymyr Zelensky", "Volodymyr Zelensky"), ("Zelensky", "Volodymyr Zelensky")]))
    store.save_article(article("b", [("Volodomyr Zelensky", "Volodomyr Zelensky")]))
    store.save_article(article("c", [("Volodymyr Zelenskyy", "Volodymyr Zelenskyy"), ("Zelenskyy", "Volodymyr Zelenskyy")]))
    store.save_article(article("d", [("Volodymyr Zelenskiy", "Volodymyr Zelenskiy")]))
    found = rows(store)
    assert list(found) == ["Volodymyr Zelensky"]
    entity_id, aliases = found["Volodymyr Zelensky"]
    assert {"Zelensky", "Volodomyr Zelensky", "Volodymyr Zelenskyy", "Zelenskyy", "Volodymyr Zelenskiy"} <= set(aliases)
    assert store.get_entity(entity_id).article_count == 4  # type: ignore[union-attr]
    for asked in ("zelenskyy", "VOLODYMYR ZELENSKIY", "Volodimir Zelenskii"):  # alias, alias, merge key
        assert [e.id for e in store.entities_named(asked)] == [entity_id]
    assert store.entities_named("Zelenskiy") == []  # a bare surname it was never called


def test_middle_names_merge_through_candidate_rows(store: SQLiteStorage) -> None:
    store.save_article(article("a", [("Tayyip Erdogan", "Tayyip Erdogan")]))
    store.save_article(article("b", [("Recep Tayyip Erdogan", "Recep Tayyip Erdogan")]))
    found = rows(store)
    assert list(found) == ["Tayyip Erdogan"] and found["Tayyip Erdogan"][1] == ["Recep Tayyip Erdogan"]


def test_people_sharing_a_surname_are_never_joined_without_evidence(store: SQLiteStorage) -> None:
    store.save_article(article("a", [("Joe Biden", "Joe Biden"), ("Biden", "Joe Biden")]))
    store.save_article(article("b", [("Hunter Biden", "Hunter Biden")]))
    store.save_article(article("c", [("Biden", "Biden")]))  # the article never said which Biden
    store.save_article(article("d", [("Joseph Biden", "Joseph Biden")]))  # a nickname is evidence
    store.save_article(article("e", [("Donald Trump Jr.", "Donald Trump Jr."), ("Donald Trump", "Donald Trump")]))
    found = rows(store)
    assert set(found) == {"Joe Biden", "Hunter Biden", "Biden", "Donald Trump Jr.", "Donald Trump"}
    assert "Biden" in found["Joe Biden"][1] and "Joseph Biden" in found["Joe Biden"][1]
    assert found["Hunter Biden"][1] == [] and found["Biden"][1] == []
    joe = found["Joe Biden"][0]
    assert store.get_entity(joe).article_count == 2  # type: ignore[union-attr]


def _quotes_fixture(store: SQLiteStorage) -> dict[str, int]:
    putin = [("Vladimir Putin", "Vladimir Putin"), ("Putin", "Vladimir Putin"), ("Donald Trump", "Donald Trump")]
    first = article("q1", putin, days=0, quotes=[
        Quote("Russia is ready to negotiate.", "Vladimir Putin", 30, 35, "said", False, 100, 130),
        Quote("ultimatums", "Vladimir Putin", 30, 35, "said", True, 140, 150),
        Quote("A great day!", "Donald Trump", 40, 52, "wrote", False, 160, 172),
        Quote("No comment from anyone.", None, None, None, None, False, 180, 203),
    ], events=[
        Event("2025-05-15", "Talks are to start in Istanbul on Thursday.", 0, 44, ["Vladimir Putin"]),
        Event("2025-05-08/2025-05-10", "The May 8-10 ceasefire was broken.", 45, 80, ["Vladimir Putin", "Donald Trump"]),
    ])
    second = article("q2", [("Vladimir Putin", "Vladimir Putin")], days=2, quotes=[
        Quote("We offer talks on Thursday.", "Vladimir Putin", 0, 14, "said", False, 50, 77),
    ], events=[Event("2022-02", "The invasion began in February 2022.", 0, 36, ["Vladimir Putin"])])
    ids = {"first": store.save_article(first).article_id, "second": store.save_article(second).article_id}
    found = rows(store)
    ids["putin"], ids["trump"] = found["Vladimir Putin"][0], found["Donald Trump"][0]
    return ids


def test_quotes_are_stored_with_their_speaker_newest_first(store: SQLiteStorage) -> None:
    ids = _quotes_fixture(store)
    quotes = store.list_quotes([ids["putin"]])
    assert [q.text for q in quotes] == ["We offer talks on Thursday.", "Russia is ready to negotiate.", "ultimatums"]
    assert [q.partial for q in quotes] == [False, False, True]
    assert quotes[0].article_id == ids["second"] and quotes[0].published == DAY + timedelta(days=2)
    assert (quotes[1].cue, quotes[1].start, quotes[1].end, quotes[1].speaker) == ("said", 100, 130, "Vladimir Putin")
    assert [q.text for q in store.list_quotes([ids["trump"]])] == ["A great day!"]
    assert len(store.list_quotes()) == 5  # every quote, the unattributed one too
    assert [q.entity_id for q in store.list_quotes() if q.speaker is None] == [None]


def test_events_and_co_occurring_entities(store: SQLiteStorage) -> None:
    ids = _quotes_fixture(store)
    events = store.entity_events(ids["putin"])
    assert [e.date for e in events] == ["2022-02", "2025-05-08/2025-05-10", "2025-05-15"]
    assert (events[0].first_day, events[0].last_day) == ("2022-02-01", "2022-02-28")
    assert (events[1].first_day, events[1].last_day) == ("2025-05-08", "2025-05-10")
    assert [e.date for e in store.entity_events(ids["trump"])] == ["2025-05-08/2025-05-10"]
    co = store.co_entities(ids["putin"])
    assert [(e.name, n) for e, n in co] == [("Donald Trump", 1)]
    assert store.entity_article_ids(ids["putin"]) == [ids["second"], ids["first"]]
    links = store.entity_links([ids["first"]])
    assert links["Vladimir Putin"] == ids["putin"] and links["Donald Trump"] == ids["trump"]


def test_article_update_replaces_its_quotes_and_events(store: SQLiteStorage) -> None:
    ids = _quotes_fixture(store)
    updated = article("q2", [("Vladimir Putin", "Vladimir Putin")], days=2, text="A corrected text.", quotes=[
        Quote("Corrected words.", "Vladimir Putin", 0, 14, "said", False, 0, 16),
    ])
    result = store.save_article(updated)
    assert result.article_id == ids["second"] and result.changed
    texts = [q.text for q in store.list_quotes([ids["putin"]])]
    assert "We offer talks on Thursday." not in texts and texts[0] == "Corrected words."
    assert "2022-02" not in [e.date for e in store.entity_events(ids["putin"])]


def test_a_bad_quote_leaves_nothing_half_written(store: SQLiteStorage) -> None:
    ids = _quotes_fixture(store)
    before = [q.text for q in store.list_quotes()]
    broken = article("q2", [("Vladimir Putin", "Vladimir Putin")], days=3, text="A new version.", quotes=[
        Quote("Fine.", "Vladimir Putin", 0, 14, "said", False, 0, 5),
        Quote("Broken offsets.", "Vladimir Putin", 0, 14, "said", False, None, None),  # type: ignore[arg-type]
    ])
    with pytest.raises(store.db.integrity_errors):
        store.save_article(broken)
    assert [q.text for q in store.list_quotes()] == before
    assert store.get_article(ids["second"]).version == 1  # type: ignore[union-attr]
    fresh = article("q3", [("Keir Starmer", "Keir Starmer")], quotes=broken.quotes)
    with pytest.raises(store.db.integrity_errors):
        store.save_article(fresh)
    assert "Keir Starmer" not in rows(store) and store.count_articles() == 2


def test_entity_list_searches_name_and_alias_prefixes(store: SQLiteStorage) -> None:
    _quotes_fixture(store)
    store.save_article(article("z", [("Volodymyr Zelensky", "Volodymyr Zelensky"), ("Zelenskyy", "Volodymyr Zelensky")]))
    assert [e.name for e in store.list_entities("zel")] == ["Volodymyr Zelensky"]
    assert [e.name for e in store.list_entities("VLAD")] == ["Vladimir Putin"]
    assert [e.name for e in store.list_entities("Zelenskyy")] == ["Volodymyr Zelensky"]  # an alias
    assert store.list_entities("%") == [] and store.list_entities("_") == []
    everyone = store.list_entities()
    assert [(e.name, e.article_count) for e in everyone] == [("Vladimir Putin", 2), ("Donald Trump", 1), ("Volodymyr Zelensky", 1)]
    assert [e.name for e in store.list_entities(type="PERSON", limit=1, offset=1)] == ["Donald Trump"]


@pytest.mark.sqlite_only(reason="builds a pre-0004 database with the SQLite migrations")
def test_upgrading_an_older_database_fills_quotes_and_events(tmp_path) -> None:
    """A store written before migration 0004 gets its quotes and events when it is opened."""
    path = tmp_path / "old.db"
    old = SQLiteStorage(path, migrate=False)
    conn = old.db.conn()
    conn.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)")
    for version, name, sql in migration_files():
        if version < 4:
            for statement in split_statements(sql):
                conn.execute(statement)
            conn.execute("INSERT INTO schema_migrations VALUES (?, ?, ?)", (version, name, now_db()))
    data = article("old", [("Vladimir Putin", "Vladimir Putin")], quotes=[
        Quote("Old words.", "Vladimir Putin", 0, 14, "said", False, 0, 10)],
        events=[Event("2024-06", "In June 2024 he set conditions.", 0, 30, ["Vladimir Putin"])]).to_json()
    conn.execute("INSERT INTO articles (text_hash, title, sort_time, data, first_seen, updated_at)"
                 " VALUES ('x', 'Old', ?, ?, ?, ?)", (now_db(), json.dumps(data), now_db(), now_db()))
    conn.execute("INSERT INTO entities (key, name, type) VALUES ('person:v_l_d_m_r p_t_n', 'Vladimir Putin', 'PERSON')")
    old.close()

    with SQLiteStorage(path) as store:
        assert any(name.startswith("0004_") for name in store.applied_migrations())
        (putin,) = store.entities_named("Vladimir Putin")
        assert [q.text for q in store.list_quotes([putin.id])] == ["Old words."]
        assert [e.date for e in store.entity_events(putin.id)] == ["2024-06"]
        assert store.db.conn().execute("SELECT COUNT(*) FROM entities WHERE candidate IS NULL").fetchone()[0] == 0
