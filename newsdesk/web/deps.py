"""Request dependencies shared by HTML views and API routes."""

from __future__ import annotations

from fastapi import HTTPException, Request
from fastapi.responses import RedirectResponse

from newsdesk.store.base import Storage


async def get_store(request: Request) -> Storage:  # async: no thread hop for a dict look-up
    store = request.app.state.store
    if store is None:  # only when the app is used without its lifespan
        raise RuntimeError("newsdesk app has no store: run it with its lifespan or pass store=")
    return store


def is_htmx(request: Request) -> bool:
    """htmx asks for a fragment (HX-Request); every page also works in full without JS."""
    return request.headers.get("HX-Request") == "true"


def moved_story(store: Storage, story_id: int, pattern: str) -> RedirectResponse:
    """A story merged into another answers 301 to it (`pattern` formats the target's URL);
    an id that never was a story is a 404."""
    target = store.story_redirect(story_id)
    if target is None:
        raise HTTPException(404, f"No story {story_id}")
    return RedirectResponse(pattern.format(target), status_code=301)
