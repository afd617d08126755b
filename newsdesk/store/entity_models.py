"""Read models for entities, quotes and dated events across the store.

Plain dataclasses, shared by the HTML views and the JSON API like the article read models.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


@dataclass
class EntitySummary:
    id: int
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    article_count: int = 0

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "type": self.type, "aliases": self.aliases,
                "article_count": self.article_count}


@dataclass
class StoredQuote:
    id: int
    article_id: int
    text: str
    speaker: str | None  # the article's canonical speaker name
    entity_id: int | None  # the speaker's entity row, when the speaker is a named entity
    cue: str | None
    partial: bool
    start: int
    end: int
    published: datetime | None  # the article's publication time (else when first seen)
    article_title: str | None = None
    outlet: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "article_id": self.article_id, "text": self.text, "speaker": self.speaker,
            "entity_id": self.entity_id, "cue": self.cue, "partial": self.partial, "start": self.start,
            "end": self.end, "published": _iso(self.published), "article_title": self.article_title,
            "outlet": self.outlet,
        }


@dataclass
class StoredEvent:
    id: int
    article_id: int
    date: str  # ISO value, granularity kept: 2025-05-15, 2024-06, 2025-05-08/2025-05-10
    sentence: str
    first_day: str | None
    last_day: str | None
    quote: str | None = None
    published: datetime | None = None
    article_title: str | None = None
    outlet: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "article_id": self.article_id, "date": self.date, "sentence": self.sentence,
            "first_day": self.first_day, "last_day": self.last_day, "quote": self.quote,
            "published": _iso(self.published), "article_title": self.article_title, "outlet": self.outlet,
        }
