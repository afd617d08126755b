"""Server-rendered HTML pages: front page, story, article. Search, outlets and the
"Ask about this story" panel have their own modules (search_views, outlets, ask)."""

from __future__ import annotations

from datetime import datetime, timezone

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse

from newsdesk.store.base import SearchFilters, Storage
from newsdesk.web import queries
from newsdesk.web.body import article_body
from newsdesk.web.deps import get_store

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
PAGE = 30


def render(request: Request, name: str, **context: object) -> HTMLResponse:
    context.setdefault("now", datetime.now(timezone.utc))
    return request.app.state.templates.TemplateResponse(request, name, context)


def is_htmx(request: Request) -> bool:
    """htmx asks for a fragment (HX-Request); everything also works as a full page without JS."""
    return request.headers.get("HX-Request") == "true"


@router.api_route("/", methods=["GET", "HEAD"])
def front_page(
    request: Request,
    topic: str = Query("", max_length=200),
    entity: str = Query("", max_length=200),
    outlet: str = Query("", max_length=200),
    offset: int = Query(0, ge=0, le=10_000),
    store: Storage = Depends(get_store),
) -> HTMLResponse:
    filters = SearchFilters(entity=entity.strip() or None, outlet=outlet.strip() or None)
    stories = queries.front_page_stories(store, limit=PAGE, offset=offset, filters=filters, topic=topic)
    more = {"topic": topic, "entity": entity, "outlet": outlet, "offset": offset + PAGE} if len(stories) == PAGE else None
    if is_htmx(request) and offset:
        return render(request, "_story_items.html", stories=stories, more=more)
    filtered = filters.any() or bool(topic.strip())
    return render(
        request,
        "index.html",
        developing=[s for s in stories if s.developing][:6] if not offset else [],
        stories=stories,
        more=more,
        topic=topic, entity=entity, outlet=outlet, filtered=filtered,
        articles=[] if filtered else store.article_heads(20),
        article_count=store.count_articles(),
    )


@router.api_route("/stories/{story_id}", methods=["GET", "HEAD"])
def story(request: Request, story_id: int, store: Storage = Depends(get_store)) -> HTMLResponse:
    page = queries.story_page(store, story_id)
    if page is None:
        raise HTTPException(404, f"No story {story_id}")
    return render(request, "story.html", page=page, story=page.detail.summary)


@router.api_route("/articles/{article_id}", methods=["GET", "HEAD"])
def article(request: Request, article_id: int, store: Storage = Depends(get_store)) -> HTMLResponse:
    page = queries.article_page(store, article_id)
    if page is None:
        raise HTTPException(404, f"No article {article_id}")
    return render(
        request,
        "article.html",
        page=page,
        a=page.stored.article,
        body=article_body(page.stored.article),
    )
