"""One search box: full text (FTS5) or meaning (sentence vectors), the same filters, hits grouped by story.

Shared by the HTML search page and `/api/search`, like web/queries.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from typing import Any, Literal

from fastapi import HTTPException, Query

from newsdesk.store.base import SearchFilters, SearchHit, Storage, StorySummary
from newsdesk.web import semantic
from newsdesk.web.queries import MAX_LIMIT, MAX_QUERY_CHARS, clamp, hit_json

Mode = Literal["text", "semantic"]


@dataclass
class SearchRequest:
    q: str = ""
    mode: Mode = "text"
    filters: SearchFilters = field(default_factory=SearchFilters)
    like: int | None = None  # "more like this": an article id
    limit: int = 30
    offset: int = 0

    @property
    def active(self) -> bool:
        return bool(self.q.strip() or self.like is not None or self.filters.any())


@dataclass
class StoryGroup:
    story: StorySummary | None  # None: articles without a story yet
    hits: list[SearchHit]


def parse_day(value: str | None, name: str) -> date | None:
    """A YYYY-MM-DD query parameter; a clear 422 naming it otherwise."""
    if value is None or not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise HTTPException(422, f"{name}: {value[:40]!r} is not a date (YYYY-MM-DD)") from None


def parse_id(value: str | None, name: str) -> int | None:
    if value is None or not value.strip():
        return None
    if not value.strip().isdigit() or int(value) < 1:
        raise HTTPException(422, f"{name}: {value[:20]!r} is not an id (a positive whole number)")
    return int(value)


def build_request(q: str = "", mode: str = "text", since: str | None = None, until: str | None = None,
                  outlet: str | None = None, entity: str | None = None, story: int | None = None,
                  like: int | None = None, limit: int = 30, offset: int = 0) -> SearchRequest:
    if mode not in ("text", "semantic"):
        raise HTTPException(422, f"mode: {mode[:20]!r} is not one of text, semantic")
    first, last = parse_day(since, "since"), parse_day(until, "until")
    filters = SearchFilters(
        since=datetime.combine(first, time(), timezone.utc) if first else None,
        # "until" is the last day wanted, inclusive
        until=datetime.combine(last, time(), timezone.utc) + timedelta(days=1) if last else None,
        outlet=(outlet or "").strip() or None,
        entity=(entity or "").strip() or None,
        story_id=story,
    )
    limit, offset = clamp(limit, offset)
    return SearchRequest(q=(q or "").strip()[:MAX_QUERY_CHARS], mode=mode, filters=filters,  # type: ignore[arg-type]
                         like=like, limit=limit, offset=offset)


async def search_request(  # async: parsing only, so no worker-thread hop
    q: str = Query("", max_length=MAX_QUERY_CHARS, description="words, or a question with mode=semantic"),
    mode: str = Query("text", max_length=20, description="text (FTS5) or semantic (sentence vectors)"),
    since: str = Query("", max_length=20, description="first day, YYYY-MM-DD"),
    until: str = Query("", max_length=20, description="last day (inclusive), YYYY-MM-DD"),
    outlet: str = Query("", max_length=200),
    entity: str = Query("", max_length=200, description="entity name, any case"),
    story: str = Query("", max_length=12, description="story id"),  # text: an empty form field is no filter
    like: int | None = Query(None, ge=1, description="more like this article id"),
    limit: int = Query(30, ge=1, le=MAX_LIMIT),
    offset: int = Query(0, ge=0),
) -> SearchRequest:
    """The search parameters of the HTML page and the API (a FastAPI dependency)."""
    return build_request(q, mode, since, until, outlet, entity, parse_id(story, "story"), like, limit, offset)


def run_search(store: Storage, req: SearchRequest) -> list[SearchHit]:
    if req.like is not None:
        return semantic.more_like_this(store, req.like, req.filters, req.limit)
    if req.mode == "semantic" and req.q:
        return semantic.query_hits(store, req.q, req.filters, req.limit)
    return store.search_filtered(req.q, req.filters, req.limit, req.offset)


def group_by_story(store: Storage, hits: list[SearchHit]) -> list[StoryGroup]:
    """Hits under their story, groups in the order of their best hit."""
    order: list[int | None] = []
    by_story: dict[int | None, list[SearchHit]] = {}
    for hit in hits:
        if hit.story_id not in by_story:
            order.append(hit.story_id)
            by_story[hit.story_id] = []
        by_story[hit.story_id].append(hit)
    summaries = {s.id: s for s in store.stories_by_ids([i for i in order if i is not None])}
    return [StoryGroup(summaries.get(i) if i is not None else None, by_story[i]) for i in order]


def search_json(req: SearchRequest, hits: list[SearchHit]) -> dict[str, Any]:
    groups: dict[int | None, list[int]] = {}
    for hit in hits:
        groups.setdefault(hit.story_id, []).append(hit.article_id)
    f = req.filters
    return {
        "query": req.q,
        "mode": "like" if req.like is not None else req.mode,
        "filters": {
            "since": f.since.date().isoformat() if f.since else None,
            "until": (f.until - timedelta(days=1)).date().isoformat() if f.until else None,
            "outlet": f.outlet, "entity": f.entity, "story": f.story_id, "like": req.like,
        },
        "items": [hit_json(h) for h in hits],
        "groups": [{"story_id": k, "article_ids": v} for k, v in groups.items()],
    }
