"""Outlet pages: what an outlet covers, how fast it publishes, how often it is first."""

from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse

from newsdesk.store.base import OutletProfile, SearchFilters, Storage
from newsdesk.web.deps import get_store
from newsdesk.web.views import render

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


def outlet_page(store: Storage, name: str) -> tuple[OutletProfile, list, list] | None:
    profile = store.outlet_profile(name[:200])
    if profile is None:
        return None
    stories = store.stories_by_ids(profile.top_story_ids)
    latest = store.search_filtered("", SearchFilters(outlet=profile.name), limit=15)
    return profile, stories, latest


def profile_json(profile: OutletProfile) -> dict:
    return {
        "name": profile.name,
        "article_count": profile.article_count,
        "first_article": profile.first_article.isoformat() if profile.first_article else None,
        "last_article": profile.last_article.isoformat() if profile.last_article else None,
        "articles_per_day": profile.per_day,
        "top_entities": [{"name": n, "type": t, "articles": c} for n, t, c in profile.top_entities],
        "top_story_ids": profile.top_story_ids,
        "shared_stories": profile.shared_stories,
        "first_on": profile.first_on,
        "median_lag_minutes": profile.median_lag_minutes,
    }


@router.api_route("/outlets/{name:path}", methods=["GET", "HEAD"])
def outlet(request: Request, name: str, store: Storage = Depends(get_store)) -> HTMLResponse:
    found = outlet_page(store, name)
    if found is None:
        raise HTTPException(404, f"No outlet named {name[:80]!r}")
    profile, stories, latest = found
    return render(request, "outlet.html", profile=profile, stories=stories, latest=latest)
