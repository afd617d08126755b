"""Request dependencies shared by HTML views and API routes."""

from __future__ import annotations

from fastapi import Request

from newsdesk.store.base import Storage


async def get_store(request: Request) -> Storage:  # async: no thread hop for a dict look-up
    store = request.app.state.store
    if store is None:  # only when the app is used without its lifespan
        raise RuntimeError("newsdesk app has no store: run it with its lifespan or pass store=")
    return store


def is_htmx(request: Request) -> bool:
    """htmx asks for a fragment (HX-Request); every page also works in full without JS."""
    return request.headers.get("HX-Request") == "true"
