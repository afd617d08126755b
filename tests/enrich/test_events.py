"""Events and timelines: dated sentences of an article, and several articles merged."""

from __future__ import annotations

from datetime import date, datetime

from newsdesk.enrich.events import build_events, merge_timelines, value_start
from newsdesk.enrich.timex import find_times
from newsdesk.models import Article, EntityMention, Quote
from tests.conftest import SEED, need_shared
from tests.enrich.seed import seed_article

PUBLISHED = datetime(2025, 5, 11)


def _article(text: str, url: str = "https://example.org/a") -> Article:
    art = Article(url=url, text=text, published=PUBLISHED)
    for name in ("Putin", "Erdogan", "Zelensky", "Kyiv", "Istanbul"):
        pos = text.find(name)
        while pos >= 0:
            art.entities.append(EntityMention(name, "PERSON", pos, pos + len(name), canonical=f"{name} (c)"))
            pos = text.find(name, pos + 1)
    return art


TEXT = (
    "Putin will meet Erdogan on Thursday in Istanbul. "
    "\"We want peace,\" Putin said on Saturday. "
    "The weather was mild. "
    "Zelensky visited Kyiv in June 2024."
)


def test_each_dated_sentence_becomes_an_event_in_date_order() -> None:
    art = _article(TEXT)
    start = TEXT.index('"We')
    art.quotes = [Quote("We want peace,", "Putin", None, None, "said", False, start + 1, start + 15)]
    events = build_events(art)
    assert [e.date for e in events] == ["2024-06", "2025-05-10", "2025-05-15"]
    first, second, third = events
    assert first.sentence == "Zelensky visited Kyiv in June 2024."
    assert first.entities == ["Zelensky (c)", "Kyiv (c)"]
    assert second.quote == "We want peace," and second.entities == ["Putin (c)"]
    assert third.entities == ["Putin (c)", "Erdogan (c)", "Istanbul (c)"]
    assert third.quote is None
    for e in events:
        assert TEXT[e.start:e.end] == e.sentence


def test_sentences_and_times_already_filled_are_used() -> None:
    art = _article(TEXT)
    art.sentences = [(0, len(TEXT))]  # one big "sentence"
    art.times = find_times(TEXT, PUBLISHED)
    events = build_events(art)
    assert len(events) == 1 and events[0].date == "2025-05-15"


def test_durations_and_vague_times_make_no_event() -> None:
    art = _article("A 30-day truce was proposed. Things are calmer now.")
    assert build_events(art) == []


def test_seed_timeline() -> None:
    text = seed_article(need_shared(SEED)).text
    art = Article(text=text, published=PUBLISHED)
    events = build_events(art)
    dates = [e.date for e in events]
    assert "1991" in dates and "2025-05-15" in dates and "2022-02" in dates
    starts = [value_start(d) for d in dates]
    assert starts == sorted(starts)
    assert any("Thursday" in e.sentence and e.date == "2025-05-15" for e in events)


def test_value_start_orders_granularities() -> None:
    assert value_start("2025-W19") == date(2025, 5, 5)
    assert value_start("2025-Q2") == date(2025, 4, 1)
    assert value_start("2025-05-08/2025-05-10") == date(2025, 5, 8)
    assert value_start("199") == date(1990, 1, 1)
    assert value_start("2025-05-11TNI") == date(2025, 5, 11)
    assert value_start("P30D") is None and value_start("PAST_REF") is None


def test_merge_timelines_joins_the_same_event_from_two_sources() -> None:
    a = _article(TEXT, "https://a.example/1")
    b_text = "Erdogan will host Putin on Thursday. Markets were calm in June 2024."
    b = _article(b_text, "https://b.example/2")
    merged = merge_timelines([(a.url, build_events(a)), (b.url, build_events(b))])
    thursday = [e for e in merged if e.date == "2025-05-15"]
    assert len(thursday) == 1
    assert thursday[0].sources == ["https://a.example/1", "https://b.example/2"]
    assert thursday[0].sentence.startswith("Putin will meet")
    june = [e for e in merged if e.date == "2024-06"]
    # no shared entity and different words: two separate events on the same date
    assert len(june) == 2 and [e.sources for e in june] == [["https://a.example/1"], ["https://b.example/2"]]
    assert [value_start(e.date) for e in merged] == sorted(value_start(e.date) for e in merged)
