"""The JSON API under /api (OpenAPI at /docs and /openapi.json).

Same read queries as the HTML pages; bodies are the read models' `to_json()`.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Query

from newsdesk.store.base import Storage
from newsdesk.web import queries
from newsdesk.web.deps import get_store

router = APIRouter(prefix="/api", tags=["api"])

Limit = Query(50, ge=1, le=queries.MAX_LIMIT, description="page size (at most 200)")
Offset = Query(0, ge=0, description="items to skip")


@router.get("/articles", summary="Latest articles, newest first")
def list_articles(limit: int = Limit, offset: int = Offset, store: Storage = Depends(get_store)) -> dict[str, Any]:
    items = queries.latest_articles(store, limit, offset)
    return {
        "total": store.count_articles(),
        "limit": limit,
        "offset": offset,
        "items": [queries.article_brief(a) for a in items],
    }


@router.get("/articles/{article_id}", summary="One article: text, outlets, entities, quotes, story")
def get_article(article_id: int, store: Storage = Depends(get_store)) -> dict[str, Any]:
    page = queries.article_page(store, article_id)
    if page is None:
        raise HTTPException(404, f"No article {article_id}")
    return page.to_json()


@router.get("/stories", summary="Latest stories")
def list_stories(
    limit: int = Query(30, ge=1, le=queries.MAX_LIMIT), offset: int = Offset, store: Storage = Depends(get_store)
) -> dict[str, Any]:
    items = queries.latest_stories(store, limit, offset)
    return {"limit": limit, "offset": offset, "items": [s.to_json() for s in items]}


@router.get("/stories/{story_id}", summary="One story: its articles, why each joined, timeline")
def get_story(story_id: int, store: Storage = Depends(get_store)) -> dict[str, Any]:
    page = queries.story_page(store, story_id)
    if page is None:
        raise HTTPException(404, f"No story {story_id}")
    return page.to_json()


@router.get("/search", summary="Full-text search over articles")
def search(
    q: str = Query(..., min_length=1, max_length=queries.MAX_QUERY_CHARS),
    limit: int = Query(20, ge=1, le=queries.MAX_LIMIT),
    store: Storage = Depends(get_store),
) -> dict[str, Any]:
    hits = queries.search(store, q, limit)
    return {"query": q, "items": [queries.hit_json(h) for h in hits]}
