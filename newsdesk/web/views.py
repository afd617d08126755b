"""Server-rendered HTML pages: story and article (front page, search, outlets, ask: their own modules)."""

from __future__ import annotations

from datetime import datetime, timezone

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse

from newsdesk.store.base import Storage
from newsdesk.store.sql_stories import DEVELOPING_WINDOW
from newsdesk.web import ages, entity_queries, queries
from newsdesk.web.body import article_body
from newsdesk.web.deps import get_store, moved_story

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


def render(request: Request, name: str, **context: object) -> HTMLResponse:
    context.setdefault("now", datetime.now(timezone.utc))
    return request.app.state.templates.TemplateResponse(request, name, context)


@router.api_route("/stories/{story_id}", methods=["GET", "HEAD"])
def story(request: Request, story_id: int, store: Storage = Depends(get_store)) -> HTMLResponse:
    page = queries.story_page(store, story_id)
    if page is None:
        return moved_story(store, story_id, "/stories/{}")
    ages.only_ages_change()  # and the "developing" flag, which goes when the window closes
    if page.detail.summary.developing and page.detail.summary.last_seen:
        ages.note_change(page.detail.summary.last_seen + DEVELOPING_WINDOW)
    return render(
        request, "story.html", page=page, story=page.detail.summary,
        links=entity_queries.entity_links(store, [a.id for a in page.detail.articles]),
        timeline=entity_queries.story_timeline(page.detail.data or {}),
    )


@router.api_route("/articles/{article_id}", methods=["GET", "HEAD"])
def article(request: Request, article_id: int, store: Storage = Depends(get_store)) -> HTMLResponse:
    page = queries.article_page(store, article_id)
    if page is None:
        raise HTTPException(404, f"No article {article_id}")
    ages.only_ages_change()
    return render(
        request,
        "article.html",
        page=page,
        a=page.stored.article,
        body=article_body(page.stored.article),
        links=entity_queries.entity_links(store, [article_id]),
        timeline=entity_queries.article_timeline(page.stored.article.events),
    )
