"""CSRF tokens: an HMAC of the session token (or, before sign-in, of a random
pre-session cookie), so a token is only good for the browser it was issued to.

`verify_csrf` runs as an app-wide dependency. It checks every unsafe request
(POST, PUT, PATCH, DELETE) that a browser could be tricked into sending: any form
post, and any request carrying our cookies. A script calling the JSON API with no
cookies (anonymously, or with its API token in an Authorization header, which no
other site can make a browser send) has no ambient authority to abuse and is let through. The token travels
as the form field `csrf_token` or the `X-CSRF-Token` header (htmx, fetch).
"""

from __future__ import annotations

import hmac

from fastapi import HTTPException, Request
from markupsafe import Markup, escape
from starlette.responses import Response

from newsdesk.accounts.tokens import keyed, new_token
from newsdesk.web.auth import SESSION_COOKIE, bearer_token

CSRF_COOKIE = "nd_csrf"
FIELD = "csrf_token"
HEADER = "x-csrf-token"
SAFE_METHODS = {"GET", "HEAD", "OPTIONS", "TRACE"}
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data", "text/plain")


def _seed(request: Request, create: bool) -> str | None:
    seed = request.cookies.get(SESSION_COOKIE) or request.cookies.get(CSRF_COOKIE)
    if seed is None and create:
        seed = getattr(request.state, "new_csrf_seed", None)
        if seed is None:
            seed = request.state.new_csrf_seed = new_token()
    return seed


def csrf_token(request: Request) -> str:
    """The token for forms on this page (issues a pre-session cookie when needed); computed
    once per request, a page with many comment forms asks for it many times."""
    token = getattr(request.state, "csrf_token", None)
    if token is None:
        token = request.state.csrf_token = keyed(request.app.state.secret, "csrf", _seed(request, create=True) or "")
    return token


def csrf_meta_wanted(request: Request) -> bool:
    """Whether a page carries the token in a <meta> for scripts: always once the browser holds
    our session or CSRF cookie, and on every page the response cache never keeps; not on an
    anonymous read page (the token would set a cookie there and make it uncacheable)."""
    from newsdesk.web.response_cache import is_read_path

    has_cookie = SESSION_COOKIE in request.cookies or CSRF_COOKIE in request.cookies
    return has_cookie or not is_read_path(request.scope["path"])


def csrf_input(request: Request) -> Markup:
    return Markup('<input type="hidden" name="%s" value="%s">') % (FIELD, escape(csrf_token(request)))


def set_csrf_cookie(request: Request, response: Response) -> None:
    """After a page that issued a new pre-session seed: give it to the browser."""
    seed = getattr(request.state, "new_csrf_seed", None)
    if seed is not None and CSRF_COOKIE not in request.cookies:
        secure = request.app.state.config.accounts.secure_cookies
        response.set_cookie(CSRF_COOKIE, seed, httponly=True, samesite="lax", secure=secure, path="/")


async def verify_csrf(request: Request) -> None:
    if request.method in SAFE_METHODS:
        return
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    has_cookie = SESSION_COOKIE in request.cookies or CSRF_COOKIE in request.cookies
    if not has_cookie and (content_type not in FORM_TYPES or bearer_token(request)):
        return
    sent = request.headers.get(HEADER)
    if sent is None and content_type in FORM_TYPES[:2]:
        value = (await request.form()).get(FIELD)
        sent = value if isinstance(value, str) else None
    seed = _seed(request, create=False)
    expected = keyed(request.app.state.secret, "csrf", seed) if seed else None
    if not sent or expected is None or not hmac.compare_digest(sent, expected):
        raise HTTPException(403, "CSRF check failed: reload the page and try again")
