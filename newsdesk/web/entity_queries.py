"""Read queries about entities, quotes and timelines, shared by the HTML views and the API.

Like `queries.py`: both front ends call these and only format the result, so an entity
page and `/api/entities/{id}` can never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from newsdesk.models import Event
from newsdesk.store.base import Storage, StoredArticle, StorySummary
from newsdesk.store.entity_models import EntitySummary, StoredEvent, StoredQuote
from newsdesk.web.queries import MAX_QUERY_CHARS, article_brief, clamp
from newsdesk.web.timeline import Timeline, TimelineItem, layout_timeline

PAGE_QUOTES = 20  # on the entity page; the quotes page and API page through all of them
PAGE_ARTICLES = 50
PAGE_EVENTS = 200


@dataclass
class EntityPage:
    entity: EntitySummary
    articles: list[StoredArticle]
    stories: list[StorySummary]
    quotes: list[StoredQuote]
    co_occurring: list[tuple[EntitySummary, int]]
    events: list[StoredEvent]

    def timeline(self) -> Timeline | None:
        return events_timeline(self.events, f"Timeline of {self.entity.name}")

    def to_json(self) -> dict[str, Any]:
        return self.entity.to_json() | {
            "articles": [article_brief(a) for a in self.articles],
            "stories": [s.to_json() for s in self.stories],
            "quotes": [q.to_json() for q in self.quotes],
            "co_occurring": [e.to_json() | {"shared_articles": n} for e, n in self.co_occurring],
            "timeline": [e.to_json() for e in self.events],
        }


def entity_page(store: Storage, entity_id: int, quotes: int = PAGE_QUOTES) -> EntityPage | None:
    entity = store.get_entity(entity_id)
    if entity is None:
        return None
    return EntityPage(
        entity=entity,
        articles=store.articles_by_ids(store.entity_article_ids(entity_id, PAGE_ARTICLES)),
        stories=store.entity_stories(entity_id),
        quotes=store.list_quotes([entity_id], limit=quotes),
        co_occurring=store.co_entities(entity_id),
        events=store.entity_events(entity_id, PAGE_EVENTS),
    )


def list_entities(store: Storage, prefix: str = "", type: str | None = None,
                  limit: int = 50, offset: int = 0) -> list[EntitySummary]:
    return store.list_entities(prefix.strip()[:MAX_QUERY_CHARS] or None, type or None, *clamp(limit, offset))


def entity_quotes(store: Storage, entity_id: int, limit: int = 50,
                  offset: int = 0) -> tuple[EntitySummary, list[StoredQuote]] | None:
    entity = store.get_entity(entity_id)
    if entity is None:
        return None
    return entity, store.list_quotes([entity_id], limit=clamp(limit)[0], offset=max(offset, 0))


def speaker_quotes(store: Storage, speaker: str | None, limit: int = 50,
                   offset: int = 0) -> tuple[list[EntitySummary], list[StoredQuote]]:
    """Quotes of the person (or institution) called `speaker` across the store, newest first:
    every entity of that name, alias or merge key, and unlinked quotes under that exact name.
    No speaker: every quote, newest first."""
    limit, offset = clamp(limit, offset)
    speaker = " ".join((speaker or "").split())[:MAX_QUERY_CHARS]
    if not speaker:
        return [], store.list_quotes(None, None, limit, offset)
    entities = store.entities_named(speaker)
    return entities, store.list_quotes([e.id for e in entities], speaker, limit, offset)


def entity_links(store: Storage, article_ids: list[int]) -> dict[str, int]:
    return store.entity_links(article_ids)


# ------------------------------------------------------------------ timelines for every page


def events_timeline(events: list[StoredEvent], title: str) -> Timeline | None:
    return layout_timeline(
        [TimelineItem(e.date, e.sentence, [(f"/articles/{e.article_id}", e.outlet or e.article_title or "article")])
         for e in events],
        title,
    )


def article_timeline(events: list[Event], title: str = "Timeline of this article") -> Timeline | None:
    return layout_timeline([TimelineItem(e.date, e.sentence) for e in events], title)


def story_timeline(data: dict[str, Any], title: str = "Timeline of this story") -> Timeline | None:
    """The stories stage's merged timeline, each entry with every article that reported it."""
    items = []
    for entry in data.get("timeline") or []:
        if not isinstance(entry, dict) or not isinstance(entry.get("date"), str):
            continue
        links = [
            (f"/articles/{s['article']}", str(s.get("outlet") or f"article {s['article']}"))
            for s in entry.get("sources") or [] if isinstance(s, dict) and isinstance(s.get("article"), int)
        ]
        items.append(TimelineItem(entry["date"], str(entry.get("text") or ""), links))
    return layout_timeline(items, title)
