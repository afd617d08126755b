"""Administration: users and roles, invitations, OPML import and export of sources."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from newsdesk.accounts.tokens import new_token, token_hash
from newsdesk.sources.opml import MAX_OPML_BYTES, OpmlFeed, parse_opml, write_opml
from newsdesk.store.base import User
from newsdesk.store.sql_users import ROLES
from newsdesk.web.auth import require_admin
from newsdesk.web.deps import get_store
from newsdesk.web.pages import render

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


def admin_page(request: Request, store: Any, **extra: Any) -> HTMLResponse:
    return render(request, "admin.html", users=store.list_users(), roles=ROLES,
                  sources=store.list_sources(), **{"invite": None, "imported": None, **extra})


@router.get("/admin")
def admin(request: Request, user: User = Depends(require_admin), store: Any = Depends(get_store)) -> HTMLResponse:
    return admin_page(request, store)


def change_user(store: Any, admin: User, user_id: int, role: str | None, disabled: bool | None) -> User:
    """Sets a user's role and/or disabled flag (shared by the admin page and the API)."""
    if store.get_user(user_id) is None:
        raise HTTPException(404, f"No user {user_id}")
    if user_id == admin.id and ((role is not None and role != "admin") or disabled):
        raise HTTPException(400, "you cannot demote or disable yourself")
    try:
        store.update_user(user_id, role=role, disabled=disabled)
    except ValueError as exc:
        raise HTTPException(400, str(exc)) from None
    if disabled:
        store.delete_user_sessions(user_id)  # a disabled user's open sessions end now, not at expiry
    return store.get_user(user_id)


def make_invite(store: Any, admin: User, role: str) -> str:
    """A new one-time invitation code for `role` (only its hash is stored)."""
    code = new_token()
    try:
        store.create_invite(token_hash(code), role, admin.id)
    except ValueError as exc:
        raise HTTPException(400, str(exc)) from None
    return code


@router.post("/admin/users/{user_id}")
def change_user_form(user_id: int, role: str = Form(...), disabled: bool = Form(False),
                     user: User = Depends(require_admin), store: Any = Depends(get_store)) -> RedirectResponse:
    change_user(store, user, user_id, role, disabled)
    return RedirectResponse("/admin", status_code=303)


@router.post("/admin/invites")
def invite(request: Request, role: str = Form("reader"), user: User = Depends(require_admin),
           store: Any = Depends(get_store)) -> HTMLResponse:
    return admin_page(request, store, invite=make_invite(store, user, role))


@router.get("/admin/opml")
def export_opml(user: User = Depends(require_admin), store: Any = Depends(get_store)) -> Response:
    feeds = [OpmlFeed(s.url, s.title, s.kind) for s in store.list_sources() if s.kind == "feed"]
    return Response(write_opml(feeds), media_type="text/x-opml; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="newsdesk-sources.opml"'})


@router.post("/admin/opml")
async def import_opml(request: Request, file: UploadFile = File(...), user: User = Depends(require_admin),
                      store: Any = Depends(get_store)) -> HTMLResponse:
    content = await file.read(MAX_OPML_BYTES + 1)
    try:
        reading = parse_opml(content, file.filename or "upload")
    except ValueError as exc:
        raise HTTPException(400, str(exc)) from None
    for feed in reading.feeds:
        store.add_source(feed.url, kind="feed", title=feed.title)
    return admin_page(request, store, imported=reading)
