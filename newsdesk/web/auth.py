"""Sessions and the signed-in user.

The session cookie holds a random token (HttpOnly, SameSite=Lax, Secure when
`accounts.secure_cookies`); the store keeps its sha256 with an expiry. Scripts
send a personal API token instead (`Authorization: Bearer nd_...`, made on
/account or by `newsdesk user token`); the store keeps its sha256 too. The user
is looked up once per request and kept on `request.state`.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

from fastapi import HTTPException, Request
from starlette.responses import Response

from newsdesk.accounts.api_tokens import PREFIX as API_TOKEN_PREFIX
from newsdesk.accounts.tokens import new_token, token_hash
from newsdesk.store.base import User

SESSION_COOKIE = "nd_session"
ROLE_RANK = {"reader": 0, "moderator": 1, "admin": 2}


class LoginRequired(Exception):
    """A page needs a signed-in user: answered with a redirect to /login (see accounts_app)."""

    def __init__(self, next_path: str) -> None:
        super().__init__(next_path)
        self.next_path = next_path


def _store(request: Request) -> Any:
    return request.app.state.store


def session_token(request: Request) -> str | None:
    return request.cookies.get(SESSION_COOKIE) or None


def bearer_token(request: Request) -> str | None:
    """The API token of an `Authorization: Bearer` header, if the request carries one."""
    scheme, _, value = request.headers.get("authorization", "").partition(" ")
    value = value.strip()
    return value if scheme.lower() == "bearer" and value.startswith(API_TOKEN_PREFIX) else None


def viewer(request: Request) -> User | None:
    """The signed-in user (session cookie, else API token), or None (also usable from templates)."""
    if not hasattr(request.state, "viewer"):
        token, api_token = session_token(request), bearer_token(request)
        user = _store(request).session_user(token_hash(token)) if token else None
        if user is None and api_token:
            user = _store(request).api_token_user(token_hash(api_token))
        request.state.viewer = user
    return request.state.viewer


def has_role(user: User | None, role: str) -> bool:
    return user is not None and ROLE_RANK.get(user.role, -1) >= ROLE_RANK[role]


def require_user(request: Request) -> User:
    """Dependency: the signed-in user; 401 for the API, a redirect to /login for pages."""
    user = viewer(request)
    if user is None:
        if request.url.path.startswith("/api"):
            if bearer_token(request) or request.headers.get("authorization"):
                raise HTTPException(401, "API token unknown, revoked, or its user disabled",
                                    headers={"WWW-Authenticate": "Bearer"})
            raise HTTPException(401, "sign in first, or send Authorization: Bearer <API token>",
                                headers={"WWW-Authenticate": "Bearer"})
        raise LoginRequired(request.url.path)
    return user


def require_moderator(request: Request) -> User:
    user = require_user(request)
    if not has_role(user, "moderator"):
        raise HTTPException(403, "moderators only")
    return user


def require_admin(request: Request) -> User:
    user = require_user(request)
    if not has_role(user, "admin"):
        raise HTTPException(403, "administrators only")
    return user


def start_session(request: Request, response: Response, user: User) -> None:
    config = request.app.state.config.accounts
    token = new_token()
    expires = datetime.now(timezone.utc) + timedelta(days=config.session_days)
    _store(request).delete_expired_sessions()  # housekeeping, at the rare moment a session starts
    _store(request).create_session(token_hash(token), user.id, expires)
    _store(request).update_user(user.id, logged_in=True)
    response.set_cookie(
        SESSION_COOKIE, token, max_age=config.session_days * 86400, httponly=True,
        samesite="lax", secure=config.secure_cookies, path="/",
    )


def end_session(request: Request, response: Response) -> None:
    token = session_token(request)
    if token:
        _store(request).delete_session(token_hash(token))
    response.delete_cookie(SESSION_COOKIE, path="/")


def client_ip(request: Request) -> str:
    return request.client.host if request.client else "unknown"
