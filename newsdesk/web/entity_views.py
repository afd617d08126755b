"""Server-rendered entity pages: the entity index, one entity, everything a person said."""

from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse

from newsdesk.store.base import Storage
from newsdesk.web import entity_queries, queries
from newsdesk.web.deps import get_store
from newsdesk.web.entity_graph import layout_entity_graph
from newsdesk.web.views import render

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
QUOTES_PER_PAGE = 50


@router.api_route("/entities", methods=["GET", "HEAD"])
def entities(
    request: Request,
    q: str = Query("", max_length=queries.MAX_QUERY_CHARS),
    store: Storage = Depends(get_store),
) -> HTMLResponse:
    return render(request, "entities.html", q_entities=q, entities=entity_queries.list_entities(store, q, limit=100))


@router.api_route("/entities/{entity_id}", methods=["GET", "HEAD"])
def entity(request: Request, entity_id: int, store: Storage = Depends(get_store)) -> HTMLResponse:
    page = entity_queries.entity_page(store, entity_id)
    if page is None:
        raise HTTPException(404, f"No entity {entity_id}")
    return render(request, "entity.html", page=page, entity=page.entity, timeline=page.timeline(),
                  graph=layout_entity_graph(page.entity, page.co_occurring))


@router.api_route("/entities/{entity_id}/quotes", methods=["GET", "HEAD"])
def entity_quotes(
    request: Request, entity_id: int, page: int = Query(1, ge=1, le=10_000), store: Storage = Depends(get_store)
) -> HTMLResponse:
    found = entity_queries.entity_quotes(store, entity_id, QUOTES_PER_PAGE + 1, (page - 1) * QUOTES_PER_PAGE)
    if found is None:
        raise HTTPException(404, f"No entity {entity_id}")
    entity, quotes = found
    return render(request, "quotes.html", entity=entity, quotes=quotes[:QUOTES_PER_PAGE], page_no=page,
                  more=len(quotes) > QUOTES_PER_PAGE)
