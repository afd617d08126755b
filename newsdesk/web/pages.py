"""Rendering for the account, comment and alert pages (a status code can be given)."""

from __future__ import annotations

from datetime import datetime, timezone

from fastapi import Request
from fastapi.responses import HTMLResponse


def render(request: Request, name: str, status_code: int = 200, **context: object) -> HTMLResponse:
    context.setdefault("now", datetime.now(timezone.utc))
    return request.app.state.templates.TemplateResponse(request, name, context, status_code=status_code)
