"""The FastAPI application factory: HTML pages, the JSON API and /docs in one app.

Nothing is opened at import time: `create_app` is given a store (tests, `newsdesk run`)
or opens one from the config when the app starts, and closes what it opened.
"""

from __future__ import annotations

from contextlib import asynccontextmanager
from importlib import metadata
from pathlib import Path
from urllib.parse import quote
from typing import AsyncIterator

import jinja2
from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

from newsdesk.config import Config, load_config
from newsdesk.store.base import Storage
from newsdesk.web import html_bits
from newsdesk.web.ages import age_text, date_text
from newsdesk.web.ops_routes import install as install_ops
from newsdesk.web.queries import entity_label, outlet_names
from newsdesk.web.response_cache import Receive, ResponseCache, ResponseCacheFill, Scope, Send
from newsdesk.web.sanitize import SECURITY_HEADERS, safe_url, snippet_html

HERE = Path(__file__).resolve().parent


def package_version() -> str:
    try:
        return metadata.version("newsdesk")
    except metadata.PackageNotFoundError:
        return "dev"


VERSION = package_version()
# Swagger UI is vendored under static/vendor (it works offline); its bundle sets inline styles
# and shows data: images, nothing more is relaxed for /docs.
DOCS_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; frame-ancestors 'none'"
)
DOCS_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>newsdesk API</title>
<link rel="stylesheet" href="/static/vendor/swagger-ui/swagger-ui.css"></head>
<body><main id="swagger-ui"></main>
<script src="/static/vendor/swagger-ui/swagger-ui-bundle.js"></script>
<script src="/static/docs-init.js"></script></body></html>"""


def build_templates() -> Jinja2Templates:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,  # every template, whatever its extension
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,  # package files: no stat() of each template and its includes per page
    )
    env.filters["age"] = age_text
    env.filters["date"] = date_text
    env.filters["safe_url"] = safe_url
    env.filters["snippet"] = snippet_html
    env.filters["entity_label"] = entity_label
    env.filters["path_part"] = lambda value: quote(str(value), safe="")  # an outlet name as one URL segment
    env.globals["version"] = VERSION
    env.globals["outlet_names"] = outlet_names
    env.globals.update(when=html_bits.when, link_out=html_bits.link_out, cites=html_bits.cites,
                       source_numbers=html_bits.source_numbers, entity_link=html_bits.entity_link)
    return Jinja2Templates(env=env)


class NewsdeskApp(FastAPI):
    """FastAPI whose outermost layer answers cached anonymous reads (response_cache.py) before
    anything else runs: no error middleware, routing, dependencies, session or CSRF work."""

    response_cache: ResponseCache | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        cache = self.response_cache
        if cache is not None and scope["type"] == "http":
            scope["app"] = self
            if await cache.answer(scope, send, self._uncached):
                return
        await super().__call__(scope, receive, send)

    async def _uncached(self, scope: Scope, receive: Receive, send: Send) -> None:
        await super().__call__(scope, receive, send)


def create_app(config: Config | None = None, store: Storage | None = None) -> FastAPI:
    config = config or load_config()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        opened = None
        if app.state.store is None:
            from newsdesk.store import open_store

            opened = app.state.store = open_store(config)
            opened.migrate()
        try:
            yield
        finally:
            if opened is not None:
                opened.close()
                app.state.store = None

    app = NewsdeskApp(
        title="newsdesk",
        version=VERSION,
        description="Follow a story across outlets: articles, stories, search, entities and quotes.",
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
    )
    app.state.config = config

    @app.get("/docs", include_in_schema=False)
    async def api_docs() -> HTMLResponse:
        return HTMLResponse(DOCS_PAGE)

    app.state.store = store
    app.state.templates = build_templates()
    from newsdesk.web.reader_routes import include_reader_routes

    include_reader_routes(app)  # front page, search, outlets, "Ask about this story"

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if request.url.path.startswith("/api") or request.url.path.startswith("/openapi"):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)
        return app.state.templates.TemplateResponse(
            request, "error.html", {"status": exc.status_code, "detail": exc.detail},
            status_code=exc.status_code, headers=exc.headers,
        )

    from newsdesk.api.entity_routes import router as entity_api_router
    from newsdesk.api.routes import router as api_router
    from newsdesk.web.accounts_app import install_accounts
    from newsdesk.web.entity_views import router as entity_html_router
    from newsdesk.web.views import router as html_router

    install_accounts(app)  # first: its CSRF check then covers every route included after
    install_ops(app)  # /healthz, /metrics, request latency

    app.include_router(api_router)
    app.include_router(entity_api_router)
    app.include_router(html_router)
    app.include_router(entity_html_router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    install_middlewares(app, config)
    return app


def install_middlewares(app: FastAPI, config: Config) -> None:
    """Plain ASGI middlewares (see asgi.py), innermost first: the CSRF cookie and security
    headers are part of what the response cache keeps (a response setting a cookie is never
    kept), and the latency metric times the requests that build a page. Hits are answered
    (and timed) by `NewsdeskApp.__call__`, outside all of these."""
    from newsdesk.web.asgi import CsrfCookie, RequestLatency, SecurityHeaders

    cache = ResponseCache(ttl_s=config.web.cache_ttl_s, max_mb=config.web.cache_mb)
    app.add_middleware(CsrfCookie)
    app.add_middleware(SecurityHeaders, headers=SECURITY_HEADERS, docs_csp=DOCS_CSP)
    app.add_middleware(ResponseCacheFill, cache=cache)
    app.add_middleware(RequestLatency)
    if isinstance(app, NewsdeskApp) and cache.enabled:
        app.response_cache = cache


def app_from_env() -> FastAPI:
    """The app of one `uvicorn --workers` process: its config is read again from the same
    config file and NEWSDESK_* environment as the parent's (`newsdesk serve` checks that they
    agree), so no setting or secret is passed through another channel."""
    return create_app(load_config())
