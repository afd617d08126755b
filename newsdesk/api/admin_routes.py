"""JSON API for your account (password, API tokens), the moderation queue and administration.

Authenticated like the rest of the accounts API: the session cookie (then unsafe methods need
`X-CSRF-Token`) or a personal API token (`Authorization: Bearer nd_...`). The handlers call the
same service functions as the HTML pages, so both follow one set of rules.
"""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel, Field

from newsdesk.accounts.tokens import token_hash
from newsdesk.store.base import User
from newsdesk.web.account_settings import change_password, issue_api_token, revoke_api_token
from newsdesk.web.admin import change_user, make_invite
from newsdesk.web.auth import require_admin, require_moderator, require_user, session_token
from newsdesk.web.comments import resolve_report
from newsdesk.web.deps import get_store

router = APIRouter(prefix="/api", tags=["account, moderation, administration"])
Role = Literal["reader", "moderator", "admin"]


class PasswordIn(BaseModel):
    current: str = Field(..., max_length=1024)
    new: str = Field(..., max_length=1024)


class TokenIn(BaseModel):
    name: str = Field(..., min_length=1, max_length=100)


class ResolveIn(BaseModel):
    action: Literal["hide", "restore", "dismiss"]


class UserChange(BaseModel):
    role: Role | None = None
    disabled: bool | None = None


class InviteIn(BaseModel):
    role: Role = "reader"


def user_json(user: User) -> dict[str, Any]:
    return {"id": user.id, "username": user.username, "email": user.email, "role": user.role,
            "disabled": user.disabled, "created_at": user.created_at.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None}


@router.post("/account/password", summary="Change your password (your other sessions are logged out)")
def password(request: Request, body: PasswordIn, user: User = Depends(require_user),
             store: Any = Depends(get_store)) -> dict[str, Any]:
    keep = session_token(request)
    ended = change_password(store, user, body.current, body.new, keep_session=token_hash(keep) if keep else None)
    return {"changed": True, "sessions_ended": ended}


@router.get("/tokens", summary="Your API tokens (names and dates; never the tokens)")
def tokens(user: User = Depends(require_user), store: Any = Depends(get_store)) -> dict[str, Any]:
    return {"items": [t.to_json() for t in store.api_tokens(user.id)]}


@router.post("/tokens", status_code=201, summary="Make an API token (returned this once)")
def add_token(body: TokenIn, user: User = Depends(require_user), store: Any = Depends(get_store)) -> dict[str, Any]:
    token, row = issue_api_token(store, user, body.name)
    return {**row.to_json(), "token": token}


@router.delete("/tokens/{token_id}", summary="Revoke an API token")
def delete_token(token_id: int, user: User = Depends(require_user), store: Any = Depends(get_store)) -> dict[str, Any]:
    revoke_api_token(store, user, token_id)
    return {"deleted": token_id}


@router.get("/moderation/reports", summary="Open reports on comments, oldest first (moderators)")
def reports(limit: int = Query(100, ge=1, le=500), user: User = Depends(require_moderator),
            store: Any = Depends(get_store)) -> dict[str, Any]:
    items = [{
        "id": r.id, "comment_id": r.comment_id, "reporter": r.reporter, "reason": r.reason,
        "created_at": r.created_at.isoformat(), "comment": {"body": r.comment_body, "author": r.comment_author,
        "hidden": r.comment_hidden, "article_id": r.article_id, "story_id": r.story_id},
    } for r in store.open_reports(limit=limit)]
    return {"items": items}


@router.post("/moderation/reports/{report_id}", summary="Resolve a report: hide or restore its comment, or dismiss it")
def resolve(report_id: int, body: ResolveIn, user: User = Depends(require_moderator),
            store: Any = Depends(get_store)) -> dict[str, Any]:
    return {"report_id": report_id, "resolution": resolve_report(store, user, report_id, body.action)}


@router.get("/admin/users", summary="Every user (administrators)")
def users(user: User = Depends(require_admin), store: Any = Depends(get_store)) -> dict[str, Any]:
    return {"items": [user_json(u) for u in store.list_users()]}


@router.patch("/admin/users/{user_id}", summary="Change a user's role or disable them (administrators)")
def update_user(user_id: int, body: UserChange, user: User = Depends(require_admin),
                store: Any = Depends(get_store)) -> dict[str, Any]:
    return user_json(change_user(store, user, user_id, body.role, body.disabled))


@router.post("/admin/invites", status_code=201, summary="Make a one-time invitation code (administrators)")
def invite(request: Request, body: InviteIn, user: User = Depends(require_admin),
           store: Any = Depends(get_store)) -> dict[str, Any]:
    code = make_invite(store, user, body.role)
    return {"role": body.role, "code": code, "signup_url": f"{request.base_url}signup?invite={code}"}
