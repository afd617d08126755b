"""The search page: one box, full text or meaning, filters, results grouped by story.

`/search` is a full page; htmx asks the same URL for the results fragment as the
reader types (search-as-you-type), so the page works the same without JavaScript.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from newsdesk.store.base import Storage
from newsdesk.web import ages
from newsdesk.web.deps import get_store, is_htmx
from newsdesk.web.mutes import mutes_for
from newsdesk.web.search_query import SearchRequest, group_by_story, run_search, search_request
from newsdesk.web.views import render

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


@router.api_route("/search", methods=["GET", "HEAD"])
def search(request: Request, req: SearchRequest = Depends(search_request),
           store: Storage = Depends(get_store)) -> HTMLResponse:
    hits = mutes_for(request).hits(store, run_search(store, req)) if req.active else []
    ages.only_ages_change()
    context = {
        "req": req, "q": req.q, "hits": hits, "groups": group_by_story(store, hits),
        "since": request.query_params.get("since", ""), "until": request.query_params.get("until", ""),
        "like_title": _title(store, req.like),
    }
    if is_htmx(request):
        return render(request, "_search_results.html", **context)
    return render(request, "search.html", **context)


def _title(store: Storage, article_id: int | None) -> str | None:
    if article_id is None:
        return None
    stored = store.get_article(article_id)
    return (stored.article.title or "(untitled)") if stored else None
