"""The app's own middlewares as plain ASGI callables.

Starlette's `BaseHTTPMiddleware` (`@app.middleware("http")`) runs every response through an
extra task and memory stream; three of them cost more than a cached page. These wrap `send`
instead: security headers, the pre-session CSRF cookie and the request latency metric.
"""

from __future__ import annotations

import time
from typing import Any

from starlette.datastructures import MutableHeaders
from starlette.requests import Request
from starlette.responses import Response

from newsdesk import metrics
from newsdesk.web.csrf import set_csrf_cookie
from newsdesk.web.response_cache import ASGIApp, Message, Receive, Scope, Send


class ResponseStartHook:
    """A middleware that edits the headers of each HTTP response as it starts (`on_start`)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    def on_start(self, scope: Scope, message: Message) -> None:
        raise NotImplementedError

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def hooked(message: Message) -> None:
            if message["type"] == "http.response.start":
                self.on_start(scope, message)
            await send(message)

        await self.app(scope, receive, hooked)


class SecurityHeaders(ResponseStartHook):
    """Adds each header the response did not set itself; /docs gets its own CSP."""

    def __init__(self, app: ASGIApp, headers: dict[str, str], docs_csp: str) -> None:
        super().__init__(app)
        self.headers = headers
        self.docs_csp = docs_csp

    def on_start(self, scope: Scope, message: Message) -> None:
        headers = MutableHeaders(scope=message)
        for name, value in self.headers.items():
            headers.setdefault(name, value)
        if scope["path"] == "/docs":
            headers["Content-Security-Policy"] = self.docs_csp


class CsrfCookie(ResponseStartHook):
    """After a page that issued a new pre-session seed (csrf.py), give it to the browser."""

    def on_start(self, scope: Scope, message: Message) -> None:
        if not (scope.get("state") or {}).get("new_csrf_seed"):
            return
        carrier = Response()
        set_csrf_cookie(Request(scope), carrier)
        cookies = [(k, v) for k, v in carrier.raw_headers if k == b"set-cookie"]
        message["headers"] = [*(message.get("headers") or []), *cookies]


def route_label(scope: dict[str, Any]) -> str:
    """The route template (never the raw path, so scanners cannot grow the label set); a
    response from the cache carries its route's label in the scope."""
    route = scope.get("route")
    return getattr(route, "path", None) or scope.get("newsdesk.route") or "unmatched"


class RequestLatency:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        try:
            await self.app(scope, receive, send)
        finally:
            metrics.REQUEST_SECONDS.labels(route=route_label(scope), method=scope["method"]).observe(
                time.perf_counter() - started
            )
