"""Operations endpoints: `/healthz` (database ping, 200 or 503 JSON) and `/metrics`
(Prometheus text exposition; only for the `web.metrics_allow` networks, loopback by default,
or with the `web.metrics_token` bearer token: the counters tell an outsider how busy and how
broken the desk is). Every request is timed by the `RequestLatency` middleware
(asgi.py), labelled by its route template (`/api/articles/{article_id}`), never by the raw
path, so a scanner probing random URLs cannot grow the label set.
"""

from __future__ import annotations

import hmac
import ipaddress
import time

from fastapi import APIRouter, FastAPI, HTTPException, Request
from fastapi.responses import JSONResponse
from starlette.responses import Response

from newsdesk import metrics
from newsdesk.store.health import ping

router = APIRouter(include_in_schema=False)
NO_CACHE = {"Cache-Control": "no-store"}


@router.get("/healthz")
def healthz(request: Request) -> JSONResponse:
    store = request.app.state.store
    started = time.perf_counter()
    try:
        if store is None:
            raise RuntimeError("no store open")
        ping(store)
    except Exception as exc:  # noqa: BLE001 - any failure means "not healthy", said in one line
        error = f"{type(exc).__name__}: {' '.join(str(exc).split())}"
        return JSONResponse({"status": "error", "database": error}, status_code=503, headers=NO_CACHE)
    ping_ms = round((time.perf_counter() - started) * 1000, 3)
    return JSONResponse({"status": "ok", "database": "ok", "ping_ms": ping_ms}, headers=NO_CACHE)


def metrics_allowed(request: Request) -> bool:
    web = request.app.state.config.web
    scheme, _, sent = request.headers.get("authorization", "").partition(" ")
    if web.metrics_token and scheme.lower() == "bearer" and hmac.compare_digest(sent.strip(), web.metrics_token):
        return True
    try:
        client = ipaddress.ip_address(request.client.host if request.client else "")
    except ValueError:
        return False
    for network in web.metrics_allow:
        try:
            if client in ipaddress.ip_network(network, strict=False):
                return True
        except ValueError:
            continue  # a malformed entry allows nobody (doctor reports the config)
    return False


@router.get("/metrics")
def metrics_text(request: Request) -> Response:
    if not metrics_allowed(request):
        raise HTTPException(403, "metrics: this address is not in web.metrics_allow (or send the web.metrics_token)")
    return Response(metrics.render(request.app.state.store), media_type=metrics.CONTENT_TYPE, headers=NO_CACHE)


def install(app: FastAPI) -> None:
    app.include_router(router)  # request latency: the RequestLatency middleware (asgi.py)
