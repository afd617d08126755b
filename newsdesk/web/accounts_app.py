"""Plugs accounts, comments, alerts, feeds and administration into the app.

`install_accounts(app)` is called by `create_app` before the other routers are
included, so the CSRF check (an app-wide dependency) covers every route; the
pre-session CSRF cookie is set by the `CsrfCookie` middleware (asgi.py).
"""

from __future__ import annotations

from fastapi import Depends, FastAPI, Request
from fastapi.responses import RedirectResponse
from starlette.responses import Response

from newsdesk.accounts.passwords import configure as configure_hashing
from newsdesk.accounts.tokens import app_secret
from newsdesk.web.auth import LoginRequired, has_role, viewer
from newsdesk.web.comment_thread import thread_for
from newsdesk.web.csrf import csrf_input, csrf_meta_wanted, csrf_token, verify_csrf


def unread_count(request: Request) -> int:
    user = viewer(request)
    return request.app.state.store.unread_count(user.id) if user else 0


def install_accounts(app: FastAPI) -> None:
    config = app.state.config
    app.state.secret = app_secret(config.web.secret_key, config.data_dir)
    configure_hashing(config.accounts.argon2_time_cost, config.accounts.argon2_memory_kib)
    app.router.dependencies.append(Depends(verify_csrf))

    env = app.state.templates.env
    env.globals.update(
        viewer=viewer, has_role=has_role, csrf_input=csrf_input, csrf_token=csrf_token, csrf_meta_wanted=csrf_meta_wanted,
        comment_thread=thread_for, unread_count=unread_count,
    )

    @app.exception_handler(LoginRequired)
    async def login_first(request: Request, exc: LoginRequired) -> Response:
        return RedirectResponse(f"/login?next={exc.next_path}", status_code=303)

    from newsdesk.api.account_routes import router as api_router
    from newsdesk.api.admin_routes import router as api_admin_router
    from newsdesk.web.account_settings import router as settings_router
    from newsdesk.web.account_views import router as account_router
    from newsdesk.web.admin import router as admin_router
    from newsdesk.web.alerts import router as alerts_router
    from newsdesk.web.comments import router as comments_router
    from newsdesk.web.feeds_out import router as feeds_router

    for router in (api_router, api_admin_router, account_router, settings_router, comments_router, alerts_router,
                   admin_router, feeds_router):
        app.include_router(router)
