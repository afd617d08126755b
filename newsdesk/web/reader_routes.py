"""The reader's routers (front page, search, outlet pages, the ask panel), included by create_app."""

from __future__ import annotations

from fastapi import FastAPI


def include_reader_routes(app: FastAPI) -> None:
    from newsdesk.web.page_cache import PageCache

    app.state.page_cache = PageCache(ttl_s=30.0)  # this app's store only
    from newsdesk.web.ask import router as ask_router
    from newsdesk.web.front import router as front_router
    from newsdesk.web.outlets import router as outlets_router
    from newsdesk.web.search_views import router as search_router

    for router in (front_router, search_router, outlets_router, ask_router):
        app.include_router(router)
