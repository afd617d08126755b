"""The signed-in user's own settings: password change and personal API tokens.

The service functions are shared by the /account page, the JSON API and the CLI, so the
rules (current password first, the new one checked like at sign-up, a token shown once)
hold whichever way a user comes in.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from newsdesk.accounts import api_tokens
from newsdesk.accounts.passwords import check_new_account, hash_password, verify_password
from newsdesk.accounts.tokens import token_hash
from newsdesk.store.base import User
from newsdesk.web.auth import require_user, session_token
from newsdesk.web.deps import get_store
from newsdesk.web.pages import render

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


def change_password(store: Any, user: User, current: str, new: str, keep_session: str | None = None) -> int:
    """Replaces the password after checking the current one; ends the user's other sessions
    (someone who knew the old password is logged out). Returns how many sessions ended."""
    if not verify_password(user.password_hash, current[:1024]):
        raise HTTPException(403, "current password: wrong")
    problem = check_new_account(user.username, new)
    if problem:
        raise HTTPException(400, problem)
    store.update_user(user.id, password_hash=hash_password(new))
    return store.delete_user_sessions(user.id, keep_token_hash=keep_session)


def issue_api_token(store: Any, user: User, name: str) -> tuple[str, Any]:
    """A new personal API token: (the token, shown this once; its listing row)."""
    try:
        return api_tokens.issue_api_token(store, user.id, name)
    except ValueError as exc:
        raise HTTPException(400, str(exc)) from None


def revoke_api_token(store: Any, user: User, token_id: int) -> None:
    if not store.delete_api_token(user.id, token_id):
        raise HTTPException(404, f"No API token {token_id}")


def account_page(request: Request, store: Any, user: User, status_code: int = 200, **extra: Any) -> HTMLResponse:
    context = {"new_token": None, "message": None, "error": None, **extra}
    return render(request, "account.html", status_code=status_code, me=user, tokens=store.api_tokens(user.id),
                  **context)


@router.get("/account")
def account(request: Request, user: User = Depends(require_user), store: Any = Depends(get_store)) -> HTMLResponse:
    return account_page(request, store, user)


@router.post("/account/password")
def password_form(request: Request, current: str = Form(""), new: str = Form(""), user: User = Depends(require_user),
                  store: Any = Depends(get_store)) -> HTMLResponse:
    keep = session_token(request)
    try:
        ended = change_password(store, user, current, new, keep_session=token_hash(keep) if keep else None)
    except HTTPException as exc:
        return account_page(request, store, user, status_code=exc.status_code, error=exc.detail)
    others = f"; {ended} other session(s) logged out" if ended else ""
    return account_page(request, store, user, message=f"Password changed{others}.")


@router.post("/account/tokens")
def token_form(request: Request, name: str = Form(""), user: User = Depends(require_user),
               store: Any = Depends(get_store)) -> HTMLResponse:
    try:
        token, _row = issue_api_token(store, user, name)
    except HTTPException as exc:
        return account_page(request, store, user, status_code=exc.status_code, error=exc.detail)
    return account_page(request, store, user, new_token=token)


@router.post("/account/tokens/{token_id}/delete")
def revoke_form(token_id: int, user: User = Depends(require_user), store: Any = Depends(get_store)) -> RedirectResponse:
    revoke_api_token(store, user, token_id)
    return RedirectResponse("/account", status_code=303)
