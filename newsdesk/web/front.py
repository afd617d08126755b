"""The front page: top and developing stories, filtered by topic, entity or outlet,
with htmx "load more" (the same URL with an offset answers a fragment)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse

from newsdesk.store.base import SearchFilters, Storage
from newsdesk.web import queries
from newsdesk.web.deps import get_store, is_htmx
from newsdesk.web.mutes import mutes_for
from newsdesk.web.views import render

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
PAGE = 30


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
    cache = request.app.state.page_cache  # everyone reads the same front page: built once per change
    stories = cache.get(store, ("stories", topic, entity, outlet, offset), lambda: queries.front_page_stories(
        store, limit=PAGE, offset=offset, filters=filters, topic=topic))
    muted = mutes_for(request)  # the reader's mute rules (outlets, keywords, entities)
    stories = muted.stories(store, stories)
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
        articles=[] if filtered else latest_articles(store, cache, muted),
        article_count=cache.get(store, "count", store.count_articles),
    )


def latest_articles(store: Storage, cache, muted) -> list:  # noqa: ANN001 - PageCache, MuteRules
    """The newest articles; light heads from the cache, or whole articles when the reader
    mutes something (keyword and entity mutes read the text)."""
    if muted:
        return muted.articles(queries.latest_articles(store, limit=20))
    return cache.get(store, "latest", lambda: store.article_heads(20))
