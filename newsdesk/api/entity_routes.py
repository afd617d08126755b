"""The JSON API for entities and quotes (OpenAPI models below; bodies are the read models' `to_json()`)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Query
from pydantic import BaseModel, Field

from newsdesk.store.base import Storage
from newsdesk.web import entity_queries, queries
from newsdesk.web.deps import get_store

router = APIRouter(prefix="/api", tags=["entities"])


class EntityOut(BaseModel):
    id: int
    name: str = Field(description="canonical name (the first full spelling the store met)")
    type: str = Field(description="PERSON, ORG, GPE, LOC, NORP, EVENT, FAC...")
    aliases: list[str] = Field(description="other spellings and short forms merged into this entity")
    article_count: int


class CoEntityOut(EntityOut):
    shared_articles: int = Field(description="articles mentioning both entities")


class QuoteOut(BaseModel):
    id: int
    article_id: int
    text: str
    speaker: str | None = Field(description="the article's canonical speaker name, null when unknown")
    entity_id: int | None = Field(description="the speaker's entity, when the speaker is a named entity")
    cue: str | None = Field(description="said, told, wrote...")
    partial: bool = Field(description="a few quoted words inside a sentence, not a full quote")
    start: int = Field(description="offset of the quote in the article text")
    end: int
    published: str | None = Field(description="when the article was published (else first seen), ISO-8601")
    article_title: str | None
    outlet: str | None


class EventOut(BaseModel):
    id: int
    article_id: int
    date: str = Field(description="ISO value, granularity kept: 2025-05-15, 2024-06, 2025-05-08/2025-05-10")
    sentence: str
    first_day: str | None = Field(description="first calendar day the date covers")
    last_day: str | None
    quote: str | None
    published: str | None
    article_title: str | None
    outlet: str | None


class ArticleBriefOut(BaseModel):
    id: int
    title: str | None
    outlet: str | None
    outlets: list[str]
    url: str | None
    published: str | None
    first_seen: str
    story_id: int | None


class StoryBriefOut(BaseModel):
    id: int
    title: str
    first_seen: str
    last_seen: str
    article_count: int
    outlet_count: int
    outlets: list[str]
    developing: bool


class EntityDetailOut(EntityOut):
    articles: list[ArticleBriefOut] = Field(description="newest first")
    stories: list[StoryBriefOut]
    quotes: list[QuoteOut] = Field(description=f"newest first, at most {entity_queries.PAGE_QUOTES}")
    co_occurring: list[CoEntityOut]
    timeline: list[EventOut] = Field(description="dated events mentioning the entity, in calendar order")


class EntityListOut(BaseModel):
    q: str
    type: str | None
    limit: int
    offset: int
    items: list[EntityOut]


class QuoteListOut(BaseModel):
    speaker: str | None = None
    entities: list[EntityOut] = Field(default_factory=list, description="the speaker entities matched")
    limit: int
    offset: int
    items: list[QuoteOut] = Field(description="newest first")


Limit = Query(50, ge=1, le=queries.MAX_LIMIT, description="page size (at most 200)")
Offset = Query(0, ge=0, description="items to skip")


@router.get("/entities", summary="Entities, most covered first; search by name prefix", response_model=EntityListOut)
def list_entities(
    q: str = Query("", max_length=queries.MAX_QUERY_CHARS, description="start of any word of a name or alias"),
    type: str | None = Query(None, max_length=20, description="PERSON, ORG, GPE..."),
    limit: int = Limit, offset: int = Offset, store: Storage = Depends(get_store),
) -> dict[str, Any]:
    items = entity_queries.list_entities(store, q, type, limit, offset)
    return {"q": q, "type": type, "limit": limit, "offset": offset, "items": [e.to_json() for e in items]}


@router.get("/entities/{entity_id}", summary="One entity: articles, stories, quotes, co-occurring entities, timeline",
            response_model=EntityDetailOut)
def get_entity(entity_id: int, store: Storage = Depends(get_store)) -> dict[str, Any]:
    page = entity_queries.entity_page(store, entity_id)
    if page is None:
        raise HTTPException(404, f"No entity {entity_id}")
    return page.to_json()


@router.get("/entities/{entity_id}/quotes", summary="Everything the entity said, newest first",
            response_model=QuoteListOut)
def get_entity_quotes(entity_id: int, limit: int = Limit, offset: int = Offset,
                      store: Storage = Depends(get_store)) -> dict[str, Any]:
    found = entity_queries.entity_quotes(store, entity_id, limit, offset)
    if found is None:
        raise HTTPException(404, f"No entity {entity_id}")
    entity, quotes = found
    return {"speaker": entity.name, "entities": [entity.to_json()], "limit": limit, "offset": offset,
            "items": [q.to_json() for q in quotes]}


@router.get("/quotes", summary="Quotes across the store, newest first; of one speaker by name", response_model=QuoteListOut)
def list_quotes(
    speaker: str | None = Query(None, max_length=queries.MAX_QUERY_CHARS, description="a name, alias or spelling variant"),
    limit: int = Limit, offset: int = Offset, store: Storage = Depends(get_store),
) -> dict[str, Any]:
    entities, quotes = entity_queries.speaker_quotes(store, speaker, limit, offset)
    return {"speaker": speaker, "entities": [e.to_json() for e in entities], "limit": limit, "offset": offset,
            "items": [q.to_json() for q in quotes]}
