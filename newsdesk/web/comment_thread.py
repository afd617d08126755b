"""Comments of one article or story as a thread, with what the viewer may do to each."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any

from markupsafe import Markup

from newsdesk.store.base import Comment, User
from newsdesk.web.auth import has_role, viewer
from newsdesk.web.markdown import render_markdown

MAX_DEPTH = 6  # deeper replies are drawn at this indent (the thread itself has no limit)


@dataclass
class CommentNode:
    comment: Comment
    depth: int
    html: Markup
    placeholder: str | None  # "deleted" / "hidden by a moderator": shown instead of the text
    can_edit: bool
    can_delete: bool
    can_report: bool
    can_moderate: bool


@dataclass
class CommentThread:
    kind: str  # article | story
    target_id: int
    nodes: list[CommentNode]
    user: User | None
    count: int  # visible comments


def edit_window_open(comment: Comment, minutes: int, now: datetime | None = None) -> bool:
    now = now or datetime.now(timezone.utc)
    return now - comment.created_at <= timedelta(minutes=minutes)


def may_edit(user: User | None, comment: Comment, minutes: int) -> bool:
    return (user is not None and user.id == comment.user_id and not comment.deleted
            and edit_window_open(comment, minutes))


def may_delete(user: User | None, comment: Comment) -> bool:
    return user is not None and not comment.deleted and (user.id == comment.user_id or has_role(user, "moderator"))


def build_thread(store: Any, user: User | None, kind: str, target_id: int, edit_minutes: int) -> CommentThread:
    key = {"article_id": target_id} if kind == "article" else {"story_id": target_id}
    comments = store.list_comments(**key, include_hidden=True, limit=1000)
    children: dict[int | None, list[Comment]] = {}
    known = {c.id for c in comments}
    for comment in comments:
        parent = comment.parent_id if comment.parent_id in known else None
        children.setdefault(parent, []).append(comment)
    moderator = has_role(user, "moderator")
    nodes: list[CommentNode] = []

    def walk(parent: int | None, depth: int) -> bool:
        """Adds the subtree; True when anything in it is shown."""
        shown_any = False
        for comment in children.get(parent, []):
            at = len(nodes)
            placeholder = "deleted" if comment.deleted else ("hidden by a moderator" if comment.hidden and not moderator else None)
            nodes.append(CommentNode(
                comment=comment, depth=min(depth, MAX_DEPTH),
                html=render_markdown(comment.body) if placeholder is None else Markup(""),
                placeholder=placeholder,
                can_edit=may_edit(user, comment, edit_minutes),
                can_delete=may_delete(user, comment),
                can_report=user is not None and user.id != comment.user_id and placeholder is None,
                can_moderate=moderator and not comment.deleted,
            ))
            replies_shown = walk(comment.id, depth + 1)
            if placeholder is not None and not replies_shown:
                del nodes[at]  # a removed comment with nothing under it is left out entirely
            else:
                shown_any = True
        return shown_any

    walk(None, 0)
    count = sum(1 for n in nodes if n.placeholder is None)
    return CommentThread(kind=kind, target_id=target_id, nodes=nodes, user=user, count=count)


def thread_for(request: Any, kind: str, target_id: int) -> CommentThread:
    """Template global: `{% set thread = comment_thread(request, "article", a_id) %}`."""
    minutes = request.app.state.config.accounts.comment_edit_minutes
    return build_thread(request.app.state.store, viewer(request), kind, int(target_id), minutes)
