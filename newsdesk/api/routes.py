"""The JSON API under /api (OpenAPI at /docs and /openapi.json).

Same read queries as the HTML pages; bodies are the read models' `to_json()`.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request

from newsdesk.store.base import Storage
from newsdesk.web import ages, ask, outlets, queries
from newsdesk.web.deps import get_store, moved_story
from newsdesk.web.search_query import SearchRequest, run_search, search_json, search_request

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
        return moved_story(store, story_id, "/api/stories/{}")
    return page.to_json()


@router.get("/search", summary="Search articles: full text or by meaning, with filters; hits grouped by story")
def search(req: SearchRequest = Depends(search_request), store: Storage = Depends(get_store)) -> dict[str, Any]:
    if not req.active:
        raise HTTPException(422, "q: give words to search for, a filter, or like=ARTICLE_ID")
    ages.only_ages_change()  # hits hold dates, never ages: the cache may keep them while the data stands
    return search_json(req, run_search(store, req))


@router.get("/stories/{story_id}/ask", summary="Answer a question from the story's sentences, cited")
def ask_story(
    request: Request, story_id: int, q: str = Query(..., min_length=1, max_length=500),
    store: Storage = Depends(get_store),
) -> dict[str, Any]:
    story, answer = ask.ask_story(store, request.app.state.config, story_id, q)
    return {"story_id": story.id, "story_title": story.title, **answer.to_json()}


@router.get("/stories/{story_id}/background", summary="Earlier stories sharing this story's main entities")
def story_background(story_id: int, store: Storage = Depends(get_store)) -> dict[str, Any]:
    _, names, related = ask.background(store, story_id)
    return {"story_id": story_id, **ask.background_json(names, related)}


@router.get("/outlets/{name:path}", summary="An outlet: what it covers, how fast, how often first")
def get_outlet(name: str, store: Storage = Depends(get_store)) -> dict[str, Any]:
    profile = store.outlet_profile(name[:200])
    if profile is None:
        raise HTTPException(404, f"No outlet named {name[:80]!r}")
    return outlets.profile_json(profile)
