"""JSON API for comments, the alert inbox, saved searches, follows and mutes.

Authenticated by the session cookie (log in at /login); unsafe methods then need
the `X-CSRF-Token` header (the value of the page's `csrf-token` meta tag).
"""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from pydantic import BaseModel, Field

from newsdesk.alerts.match import refresh_inbox
from newsdesk.store.base import Comment, User
from newsdesk.web.auth import require_user, viewer
from newsdesk.web.comment_thread import build_thread
from newsdesk.web.comments import delete_comment, edit_comment, owned_comment, post_comment
from newsdesk.web.deps import get_store

router = APIRouter(prefix="/api", tags=["accounts"])


class CommentIn(BaseModel):
    target: Literal["article", "story"]
    target_id: int
    body: str = Field(..., min_length=1, max_length=20000)
    parent_id: int | None = None


class CommentEdit(BaseModel):
    body: str = Field(..., min_length=1, max_length=20000)


class ReportIn(BaseModel):
    reason: str = Field("", max_length=500)


class SavedSearchIn(BaseModel):
    query: str = Field(..., min_length=1, max_length=500)
    name: str = Field("", max_length=100)


class FollowIn(BaseModel):
    kind: Literal["entity", "story", "outlet"]
    target: str = Field(..., min_length=1, max_length=200)


class MuteIn(BaseModel):
    kind: Literal["outlet", "keyword", "entity"]
    value: str = Field(..., min_length=1, max_length=200)


class ReadIn(BaseModel):
    ids: list[int] | None = None  # None: everything


def comment_json(comment: Comment, html: str | None = None) -> dict[str, Any]:
    return {
        "id": comment.id, "user": comment.username, "article_id": comment.article_id, "story_id": comment.story_id,
        "parent_id": comment.parent_id, "body": "" if comment.deleted else comment.body, "html": html,
        "created_at": comment.created_at.isoformat(),
        "updated_at": comment.updated_at.isoformat() if comment.updated_at else None,
        "deleted": comment.deleted, "hidden": comment.hidden,
    }


@router.get("/me", summary="The signed-in user")
def me(user: User = Depends(require_user), store: Any = Depends(get_store)) -> dict[str, Any]:
    return {"id": user.id, "username": user.username, "role": user.role, "unread": store.unread_count(user.id)}


@router.get("/comments", summary="Comments of an article or a story, in thread order")
def list_comments(request: Request, article_id: int | None = Query(None), story_id: int | None = Query(None),
                  store: Any = Depends(get_store)) -> dict[str, Any]:
    if (article_id is None) == (story_id is None):
        raise HTTPException(400, "give exactly one of article_id or story_id")
    kind, target = ("article", article_id) if article_id is not None else ("story", story_id)
    thread = build_thread(store, viewer(request), kind, int(target),  # type: ignore[arg-type]
                          request.app.state.config.accounts.comment_edit_minutes)
    items = []
    for node in thread.nodes:
        data = comment_json(node.comment, str(node.html) if node.placeholder is None else None)
        if node.placeholder is not None:
            data["body"] = ""
        data.update(depth=node.depth, placeholder=node.placeholder)
        items.append(data)
    return {"target": kind, "target_id": target, "count": thread.count, "items": items}


@router.post("/comments", status_code=201, summary="Post a comment or a reply")
def create_comment(request: Request, body: CommentIn, user: User = Depends(require_user),
                   store: Any = Depends(get_store)) -> dict[str, Any]:
    comment = post_comment(store, request.app.state.config.accounts, user, body.target, body.target_id,
                           body.body, body.parent_id)
    return comment_json(comment)


@router.patch("/comments/{comment_id}", summary="Edit your comment (within the edit window)")
def update_comment(request: Request, comment_id: int, body: CommentEdit, user: User = Depends(require_user),
                   store: Any = Depends(get_store)) -> dict[str, Any]:
    return comment_json(edit_comment(store, request.app.state.config.accounts, user, comment_id, body.body))


@router.delete("/comments/{comment_id}", summary="Delete your comment (moderators: any comment)")
def remove_comment(comment_id: int, user: User = Depends(require_user), store: Any = Depends(get_store)) -> dict[str, Any]:
    delete_comment(store, user, comment_id)
    return {"deleted": comment_id}


@router.post("/comments/{comment_id}/report", summary="Report a comment to the moderators")
def report_comment(comment_id: int, body: ReportIn, user: User = Depends(require_user),
                   store: Any = Depends(get_store)) -> dict[str, Any]:
    owned_comment(store, comment_id)
    return {"reported": store.report_comment(comment_id, user.id, body.reason.strip())}


@router.get("/inbox", summary="Your alert inbox (new matches are found on each call)")
def inbox(limit: int = Query(100, ge=1, le=500), unread: bool = Query(False), user: User = Depends(require_user),
          store: Any = Depends(get_store)) -> dict[str, Any]:
    refresh_inbox(store, user.id)
    items = store.inbox(user.id, limit=limit, unread_only=unread)
    return {"unread": store.unread_count(user.id), "items": [i.to_json() for i in items]}


@router.post("/inbox/read", summary="Mark inbox items read (all when ids is null)")
def inbox_read(body: ReadIn, user: User = Depends(require_user), store: Any = Depends(get_store)) -> dict[str, Any]:
    return {"marked": store.mark_inbox_read(user.id, body.ids), "unread": store.unread_count(user.id)}


def _added(make: Any) -> Any:
    try:
        return make().to_json()
    except ValueError as exc:
        raise HTTPException(400, str(exc)) from None


def _deleted(found: bool, what: str, item_id: int) -> dict[str, Any]:
    if not found:
        raise HTTPException(404, f"No {what} {item_id}")
    return {"deleted": item_id}


@router.get("/saved-searches", summary="Your saved searches")
def saved_searches(user: User = Depends(require_user), store: Any = Depends(get_store)) -> dict[str, Any]:
    return {"items": [s.to_json() for s in store.saved_searches(user.id)]}


@router.post("/saved-searches", status_code=201, summary="Save a search (new matches go to the inbox)")
def add_saved_search(body: SavedSearchIn, user: User = Depends(require_user), store: Any = Depends(get_store)) -> dict[str, Any]:
    return _added(lambda: store.add_saved_search(user.id, body.name.strip(), body.query.strip()))


@router.delete("/saved-searches/{search_id}", summary="Delete a saved search")
def delete_saved_search(search_id: int, user: User = Depends(require_user), store: Any = Depends(get_store)) -> dict[str, Any]:
    return _deleted(store.delete_saved_search(user.id, search_id), "saved search", search_id)


@router.get("/follows", summary="What you follow")
def follows(user: User = Depends(require_user), store: Any = Depends(get_store)) -> dict[str, Any]:
    return {"items": [f.to_json() for f in store.follows(user.id)]}


@router.post("/follows", status_code=201, summary="Follow an entity, a story or an outlet")
def add_follow(body: FollowIn, user: User = Depends(require_user), store: Any = Depends(get_store)) -> dict[str, Any]:
    return _added(lambda: store.add_follow(user.id, body.kind, body.target))


@router.delete("/follows/{follow_id}", summary="Stop following")
def delete_follow(follow_id: int, user: User = Depends(require_user), store: Any = Depends(get_store)) -> dict[str, Any]:
    return _deleted(store.delete_follow(user.id, follow_id), "follow", follow_id)


@router.get("/mutes", summary="Your mute rules")
def mutes(user: User = Depends(require_user), store: Any = Depends(get_store)) -> dict[str, Any]:
    return {"items": [m.to_json() for m in store.mutes(user.id)]}


@router.post("/mutes", status_code=201, summary="Mute an outlet, a keyword or an entity")
def add_mute(body: MuteIn, user: User = Depends(require_user), store: Any = Depends(get_store)) -> dict[str, Any]:
    return _added(lambda: store.add_mute(user.id, body.kind, body.value))


@router.delete("/mutes/{mute_id}", summary="Remove a mute rule")
def delete_mute(mute_id: int, user: User = Depends(require_user), store: Any = Depends(get_store)) -> dict[str, Any]:
    return _deleted(store.delete_mute(user.id, mute_id), "mute", mute_id)
