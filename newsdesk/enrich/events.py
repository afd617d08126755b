"""Events and timelines: each sentence with a resolved date becomes an event.

`build_events(article)` gives an article's timeline (its events in date order);
`merge_timelines(...)` joins the timelines of several articles about one story, one event
per date and shared entities, remembering every source that reported it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date

from ..models import Article, Event, TimeMention
from .sentences import split_sentences
from .timex import find_times

_KINDS = ("date", "range", "time")
_VALUE = re.compile(
    r"(?P<y>\d{4})(?:-(?:(?P<m>\d\d)(?:-(?P<d>\d\d))?|W(?P<w>\d\d)|Q(?P<q>[1-4])|H(?P<h>[12])"
    r"|(?P<s>SP|SU|FA|WI)))?"
    r"|(?P<dec>\d{3})$|(?P<cent>\d\d)$"
)
_SEASON_MONTH = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def value_start(value: str) -> date | None:
    """The first day a TimeML value covers (2025-W19 -> its Monday), None for P30D, PAST_REF..."""
    m = _VALUE.match(value)
    if not m:
        return None
    if m.group("dec"):
        return date(int(m.group("dec")) * 10, 1, 1)
    if m.group("cent"):
        return date(int(m.group("cent")) * 100, 1, 1)
    year = int(m.group("y"))
    try:
        if m.group("d"):
            return date(year, int(m.group("m")), int(m.group("d")))
        if m.group("m"):
            return date(year, int(m.group("m")), 1)
        if m.group("w"):
            return date.fromisocalendar(year, int(m.group("w")), 1)
        if m.group("q"):
            return date(year, 3 * int(m.group("q")) - 2, 1)
        if m.group("h"):
            return date(year, 1 if m.group("h") == "1" else 7, 1)
        if m.group("s"):
            return date(year, _SEASON_MONTH[m.group("s")], 1)
    except ValueError:
        return None
    return date(year, 1, 1)


def is_dated(mention: TimeMention) -> bool:
    """True when a mention places something on the calendar (not a duration, set or PAST_REF)."""
    return mention.kind in _KINDS and value_start(mention.value) is not None


def build_events(article: Article) -> list[Event]:
    """The article's timeline: one event per sentence with a resolved date, in date order.

    Uses `article.sentences` and `article.times` when filled, else computes them. The event
    date is the first dated mention of the sentence; entities are the canonical names of the
    article's entities inside the sentence; the quote is the first quote overlapping it.
    """
    text = article.text or ""
    sentences = article.sentences or split_sentences(text)
    times = article.times or find_times(text, article.published)
    dated = sorted((t for t in times if is_dated(t)), key=lambda t: t.start)
    events: list[Event] = []
    i = 0
    for start, end in sentences:
        while i < len(dated) and dated[i].start < start:
            i += 1
        if i >= len(dated) or dated[i].start >= end:
            continue
        events.append(Event(
            date=dated[i].value,
            sentence=text[start:end],
            start=start,
            end=end,
            entities=_entities_in(article, start, end),
            quote=next((q.text for q in article.quotes if q.start < end and q.end > start), None),
        ))
    return sort_events(events)


def _entities_in(article: Article, start: int, end: int) -> list[str]:
    names: list[str] = []
    for e in article.entities:
        if e.start >= start and e.end <= end:
            name = e.canonical or e.name
            if name not in names:
                names.append(name)
    return names


def sort_events(events: Iterable[Event]) -> list[Event]:
    """Events in date order (a month before its days); ties keep text order."""
    return sorted(events, key=lambda e: (value_start(e.date) or date.max, e.start))


_WORD = re.compile(r"\w+")


def _similar(a: Event, b: Event) -> bool:
    """Same happening: a shared entity, or (without entities) mostly the same words."""
    if a.entities and b.entities:
        return bool(set(a.entities) & set(b.entities))
    wa, wb = set(_WORD.findall(a.sentence.lower())), set(_WORD.findall(b.sentence.lower()))
    return bool(wa and wb) and len(wa & wb) / len(wa | wb) >= 0.5


def merge_timelines(timelines: Iterable[tuple[str, Sequence[Event]]]) -> list[Event]:
    """One story timeline from several articles' timelines.

    `timelines` holds (source, events) pairs, source being the article's URL (or any id).
    Events with the same date value that share an entity (or, without entities, most words)
    become one event: the first reported sentence and quote are kept, entities are united,
    and `sources` lists every source that reported it, in input order. Ordered by date.
    """
    merged: list[Event] = []
    by_date: dict[str, list[Event]] = {}
    for source, events in timelines:
        for event in events:
            same = next((m for m in by_date.get(event.date, []) if _similar(m, event)), None)
            if same is None:
                same = Event(event.date, event.sentence, event.start, event.end,
                             list(event.entities), event.quote, [])
                by_date.setdefault(event.date, []).append(same)
                merged.append(same)
            else:
                same.entities += [n for n in event.entities if n not in same.entities]
                same.quote = same.quote or event.quote
            for s in event.sources or [source]:
                if s not in same.sources:
                    same.sources.append(s)
    return sorted(merged, key=lambda e: value_start(e.date) or date.max)  # stable: input order on ties
