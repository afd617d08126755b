import json
from datetime import datetime, timezone

from newsdesk.stories import build_story_data
from newsdesk.stories.text import sentences

from .samples import reports

PARTS = ["why_it_matters", "what_to_know", "what_people_are_saying", "what_happens_next"]


def stored(arts, first_id=11):
    return [(first_id + i, a) for i, a in enumerate(arts)]


def test_three_outlets_give_merged_timeline_and_cited_brief():
    arts = reports()
    data = build_story_data(stored(arts))
    json.dumps(data)  # saved by the store as JSON
    assert data["outlet_count"] == 3 and data["article_count"] == 3
    assert data["title"] in {a.title for a in arts}  # chosen, never invented
    thursday = [e for e in data["timeline"] if e["date"] == "2025-05-15"]
    assert len(thursday) == 1  # three outlets, one meeting
    assert sorted(s["article"] for s in thursday[0]["sources"]) == [11, 12, 13]
    brief = data["brief"]
    assert all(brief[p] for p in PARTS), brief
    bodies = {11 + i: a.text for i, a in enumerate(arts)}
    for part in PARTS:
        for entry in brief[part]:
            assert entry["cites"] and set(entry["cites"]) <= set(bodies)
            if part != "what_people_are_saying":  # extractive: the sentence is in each cited article
                assert any(entry["text"] in bodies[c] for c in entry["cites"])
    # the meeting is after the latest article (May 12): it is what happens next
    assert any("Thursday" in e["text"] for e in brief["what_happens_next"])
    speakers = {q["speaker"] for q in data["quotes_by_speaker"]}
    assert speakers == {"Volodymyr Zelensky"}
    said = brief["what_people_are_saying"][0]
    assert said["speaker"] == "Volodymyr Zelensky" and said["text"].startswith("Volodymyr Zelensky: “")


def test_same_quote_from_two_outlets_is_one_quote_with_both_sources():
    arts = reports()[:2]
    data = build_story_data(stored(arts))
    quotes = data["quotes_by_speaker"][0]["quotes"]
    waiting = [q for q in quotes if "waiting for Putin" in q["text"]]
    assert len(waiting) == 1 and waiting[0]["articles"] == [11, 12]


def test_bare_articles_without_enrichment_still_give_a_page():
    arts = reports(enriched=False)
    data = build_story_data(arts)  # bare Articles: cited by position
    assert data["entities"] == [] and data["quotes_by_speaker"] == []
    assert data["timeline"] and all(e["date"] == "2025-05-12" for e in data["timeline"])
    assert data["brief"]["why_it_matters"] and data["brief"]["what_to_know"]
    for entry in data["brief"]["what_to_know"]:
        assert all(0 <= c < 3 for c in entry["cites"])
    assert build_story_data([])["title"] == ""


def test_stored_article_objects_are_accepted():
    from newsdesk.store.base import StoredArticle

    arts = reports()
    now = datetime(2025, 5, 13, tzinfo=timezone.utc)
    objs = [StoredArticle(id=7 + i, article=a, outlets=[], story_id=1, first_seen=now, updated_at=now)
            for i, a in enumerate(arts)]
    data = build_story_data(objs)
    assert [a["id"] for a in data["articles"]] == [7, 8, 9]


def test_sentence_splitter_keeps_abbreviations():
    from newsdesk.models import Article

    a = Article(text="Mr. Smith met U.S. officials on Monday. They agreed. \"We will return,\" he said.")
    assert sentences(a) == ["Mr. Smith met U.S. officials on Monday.", "They agreed.", "\"We will return,\" he said."]
