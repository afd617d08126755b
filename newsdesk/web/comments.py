"""Comment pages and actions: post, reply, edit, delete, report; the moderation queue."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from newsdesk.store.base import Comment, User
from newsdesk.store.times import to_db
from newsdesk.web.auth import require_moderator, require_user
from newsdesk.web.comment_thread import may_delete, may_edit
from newsdesk.web.deps import get_store
from newsdesk.web.pages import render

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


def comment_url(comment: Comment) -> str:
    page = f"/articles/{comment.article_id}" if comment.article_id is not None else f"/stories/{comment.story_id}"
    return f"{page}#comment-{comment.id}"


def post_comment(store: Any, config: Any, user: User, kind: str, target_id: int, body: str,
                 parent_id: int | None = None) -> Comment:
    """Checks and stores one comment (shared by the page and the API); HTTPException on refusal."""
    body = (body or "").strip()
    if not body:
        raise HTTPException(400, "comment: write something first")
    if len(body) > config.comment_max_chars:
        raise HTTPException(400, f"comment: at most {config.comment_max_chars} characters")
    if kind == "article":
        if store.get_article(target_id) is None:
            raise HTTPException(404, f"No article {target_id}")
    elif kind == "story":
        if store.get_story(target_id) is None:
            raise HTTPException(404, f"No story {target_id}")
    else:
        raise HTTPException(400, f"comment target {kind!r}: expected article or story")
    if parent_id is not None:
        parent = store.get_comment(parent_id)
        same = parent is not None and (parent.article_id if kind == "article" else parent.story_id) == target_id
        if not same or parent.deleted:
            raise HTTPException(400, f"reply to comment {parent_id}: not a comment on this page")
    since = to_db(datetime.now(timezone.utc) - timedelta(minutes=1))
    if store.count_recent_comments(user.id, since) >= config.comments_per_minute:
        raise HTTPException(429, f"comments: at most {config.comments_per_minute} a minute; wait a moment")
    key = {"article_id": target_id} if kind == "article" else {"story_id": target_id}
    return store.add_comment(user.id, body, parent_id=parent_id, **key)


def owned_comment(store: Any, comment_id: int) -> Comment:
    comment = store.get_comment(comment_id)
    if comment is None:
        raise HTTPException(404, f"No comment {comment_id}")
    return comment


def edit_comment(store: Any, config: Any, user: User, comment_id: int, body: str) -> Comment:
    comment = owned_comment(store, comment_id)
    if not may_edit(user, comment, config.comment_edit_minutes):
        raise HTTPException(403, f"comment {comment_id}: only its author may edit it, within "
                                 f"{config.comment_edit_minutes} minutes")
    body = (body or "").strip()
    if not body or len(body) > config.comment_max_chars:
        raise HTTPException(400, f"comment: 1 to {config.comment_max_chars} characters")
    store.edit_comment(comment_id, body)
    return owned_comment(store, comment_id)


def delete_comment(store: Any, user: User, comment_id: int) -> Comment:
    comment = owned_comment(store, comment_id)
    if not may_delete(user, comment):
        raise HTTPException(403, f"comment {comment_id}: only its author or a moderator may delete it")
    store.delete_comment(comment_id)
    return comment


@router.post("/comments")
def create(request: Request, target: str = Form(...), target_id: int = Form(...), body: str = Form(""),
           parent_id: int | None = Form(None), user: User = Depends(require_user),
           store: Any = Depends(get_store)) -> RedirectResponse:
    comment = post_comment(store, request.app.state.config.accounts, user, target, target_id, body, parent_id)
    return RedirectResponse(comment_url(comment), status_code=303)


@router.get("/comments/{comment_id}/edit")
def edit_form(request: Request, comment_id: int, user: User = Depends(require_user),
              store: Any = Depends(get_store)) -> HTMLResponse:
    comment = owned_comment(store, comment_id)
    if not may_edit(user, comment, request.app.state.config.accounts.comment_edit_minutes):
        raise HTTPException(403, f"comment {comment_id}: the edit window has closed")
    return render(request, "comment_edit.html", comment=comment, back=comment_url(comment))


@router.post("/comments/{comment_id}/edit")
def edit(request: Request, comment_id: int, body: str = Form(""), user: User = Depends(require_user),
         store: Any = Depends(get_store)) -> RedirectResponse:
    comment = edit_comment(store, request.app.state.config.accounts, user, comment_id, body)
    return RedirectResponse(comment_url(comment), status_code=303)


@router.post("/comments/{comment_id}/delete")
def delete(comment_id: int, user: User = Depends(require_user), store: Any = Depends(get_store)) -> RedirectResponse:
    comment = delete_comment(store, user, comment_id)
    return RedirectResponse(comment_url(comment), status_code=303)


@router.post("/comments/{comment_id}/report")
def report(comment_id: int, reason: str = Form(""), user: User = Depends(require_user),
           store: Any = Depends(get_store)) -> RedirectResponse:
    comment = owned_comment(store, comment_id)
    store.report_comment(comment_id, user.id, reason.strip()[:500])
    return RedirectResponse(comment_url(comment), status_code=303)


@router.get("/moderation")
def queue(request: Request, user: User = Depends(require_moderator), store: Any = Depends(get_store)) -> HTMLResponse:
    return render(request, "moderation.html", reports=store.open_reports())


RESOLUTIONS = {"hide": "hidden", "restore": "restored", "dismiss": "dismissed"}


def resolve_report(store: Any, moderator: User, report_id: int, action: str) -> str:
    """Closes one open report with an action (shared by the queue page and the API); returns
    the resolution; HTTPException on an unknown action or report."""
    resolution = RESOLUTIONS.get(action)
    if resolution is None:
        raise HTTPException(400, f"action {action!r}: expected hide, restore or dismiss")
    if store.resolve_report(report_id, resolution, moderator.id) is None:
        raise HTTPException(404, f"No open report {report_id}")
    return resolution


@router.post("/moderation/reports/{report_id}")
def resolve(report_id: int, action: str = Form(...), user: User = Depends(require_moderator),
            store: Any = Depends(get_store)) -> RedirectResponse:
    resolve_report(store, user, report_id, action)
    return RedirectResponse("/moderation", status_code=303)


@router.post("/comments/{comment_id}/hide")
def hide(comment_id: int, action: str = Form("hide"), user: User = Depends(require_moderator),
         store: Any = Depends(get_store)) -> RedirectResponse:
    comment = owned_comment(store, comment_id)
    store.hide_comment(comment_id, hidden=action != "restore")
    return RedirectResponse(comment_url(comment), status_code=303)
