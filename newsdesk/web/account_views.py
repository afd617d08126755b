"""Sign-up, log-in and log-out pages."""

from __future__ import annotations

import math
from typing import Any

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from newsdesk.accounts.limits import LoginLimiter, record_signup, signup_allowed
from newsdesk.accounts.passwords import check_new_account, hash_password, needs_rehash, verify_password
from newsdesk.accounts.tokens import token_hash
from newsdesk.web.auth import client_ip, end_session, start_session
from newsdesk.web.deps import get_store
from newsdesk.web.pages import render

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


def safe_next(target: str | None) -> str:
    """Only a path on this site (no //host or /\\host tricks) is followed after log-in."""
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return "/"
    return target


@router.get("/login")
def login_form(request: Request, next: str = "/") -> HTMLResponse:
    return render(request, "login.html", next=safe_next(next), error=None, username="")


@router.post("/login")
def login(request: Request, username: str = Form(""), password: str = Form(""), next: str = Form("/"),
          store: Any = Depends(get_store)) -> Response:
    limiter = LoginLimiter(store, request.app.state.config.accounts)
    ip = client_ip(request)
    wait = limiter.locked_for(username, ip)
    if wait > 0:
        error = f"Too many failed log-ins: try again in {math.ceil(wait / 60)} minute(s)."
        return render(request, "login.html", status_code=429, next=safe_next(next), error=error, username=username)
    user = store.get_user_by_name(username.strip()) if username.strip() else None
    ok = verify_password(user.password_hash if user else None, password[:1024])
    if not ok or user is None or user.disabled:
        limiter.failed(username, ip)
        return render(request, "login.html", status_code=401, next=safe_next(next),
                      error="Wrong user name or password.", username=username)
    limiter.succeeded(username)
    if needs_rehash(user.password_hash):
        store.update_user(user.id, password_hash=hash_password(password))
    response = RedirectResponse(safe_next(next), status_code=303)
    start_session(request, response, user)
    return response


@router.post("/logout")
def logout(request: Request) -> RedirectResponse:
    response = RedirectResponse("/", status_code=303)
    end_session(request, response)
    return response


@router.get("/signup")
def signup_form(request: Request, invite: str = "") -> HTMLResponse:
    mode = request.app.state.config.accounts.signup
    if mode == "closed":
        raise HTTPException(403, "Sign-up is closed: ask an administrator for an account.")
    return render(request, "signup.html", mode=mode, error=None, username="", email="", invite=invite)


@router.post("/signup")
def signup(request: Request, username: str = Form(""), password: str = Form(""), email: str = Form(""),
           invite: str = Form(""), store: Any = Depends(get_store)) -> Response:
    mode = request.app.state.config.accounts.signup
    if mode == "closed":
        raise HTTPException(403, "Sign-up is closed: ask an administrator for an account.")
    username, email = username.strip(), email.strip() or None

    def refuse(error: str, status: int = 400) -> HTMLResponse:
        return render(request, "signup.html", status_code=status, mode=mode, error=error,
                      username=username, email=email or "", invite=invite)

    problem = check_new_account(username, password)
    if problem:
        return refuse(problem)
    ip = client_ip(request)
    if not signup_allowed(store, request.app.state.config.accounts, ip):
        return refuse("Too many new accounts from this address: try again in an hour.", 429)
    if mode == "invite" and not invite.strip():
        return refuse("invitation code: sign-up here needs one", 403)
    try:
        if mode == "invite":
            user = store.create_user_with_invite(token_hash(invite.strip()), username, hash_password(password), email)
        else:
            user = store.create_user(username, hash_password(password), email=email)
    except ValueError as exc:
        return refuse(str(exc), 409 if "taken" in str(exc) else 403)
    record_signup(store, ip)
    response = RedirectResponse("/", status_code=303)
    start_session(request, response, user)
    return response
