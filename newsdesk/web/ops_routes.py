"""Operations endpoints: `/healthz` (database ping, 200 or 503 JSON) and `/metrics`
(Prometheus text exposition). Every request is timed by the `RequestLatency` middleware
(asgi.py), labelled by its route template (`/api/articles/{article_id}`), never by the raw
path, so a scanner probing random URLs cannot grow the label set.
"""

from __future__ import annotations

import time
from fastapi import APIRouter, FastAPI, Request
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


@router.get("/metrics")
def metrics_text(request: Request) -> Response:
    return Response(metrics.render(request.app.state.store), media_type=metrics.CONTENT_TYPE, headers=NO_CACHE)


def install(app: FastAPI) -> None:
    app.include_router(router)  # request latency: the RequestLatency middleware (asgi.py)
