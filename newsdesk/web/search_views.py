"""The search page: one box, full text or meaning, filters, results grouped by story.

`/search` is a full page; htmx asks the same URL for the results fragment as the
reader types (search-as-you-type), so the page works the same without JavaScript.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse

from newsdesk.store.base import Storage
from newsdesk.web import queries
from newsdesk.web.deps import get_store, is_htmx
from newsdesk.web.search_query import build_request, group_by_story, parse_id, run_search
from newsdesk.web.views import render

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


@router.api_route("/search", methods=["GET", "HEAD"])
def search(
    request: Request,
    q: str = Query("", max_length=queries.MAX_QUERY_CHARS),
    mode: str = Query("text", max_length=20),
    since: str = Query("", max_length=20),
    until: str = Query("", max_length=20),
    outlet: str = Query("", max_length=200),
    entity: str = Query("", max_length=200),
    story: str = Query("", max_length=12),  # text: an empty form field is "no filter", not an error
    like: int | None = Query(None, ge=1),
    store: Storage = Depends(get_store),
) -> HTMLResponse:
    req = build_request(q, mode, since, until, outlet, entity, parse_id(story, "story"), like, limit=40)
    hits = run_search(store, req) if req.active else []
    context = {
        "req": req, "q": req.q, "hits": hits, "groups": group_by_story(store, hits),
        "since": since, "until": until, "like_title": _title(store, like),
    }
    if is_htmx(request):
        return render(request, "_search_results.html", **context)
    return render(request, "search.html", **context)


def _title(store: Storage, article_id: int | None) -> str | None:
    if article_id is None:
        return None
    stored = store.get_article(article_id)
    return (stored.article.title or "(untitled)") if stored else None
