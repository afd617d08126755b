"""Read models for accounts, moderation and alerts (shared by HTML views, the API and the CLI)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

FollowKind = Literal["entity", "story", "outlet"]
MuteKind = Literal["outlet", "keyword", "entity"]
FOLLOW_KINDS: tuple[str, ...] = ("entity", "story", "outlet")
MUTE_KINDS: tuple[str, ...] = ("outlet", "keyword", "entity")


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


@dataclass
class CommentReport:
    id: int
    comment_id: int
    reporter: str
    reason: str
    created_at: datetime
    comment_body: str
    comment_author: str
    comment_hidden: bool
    article_id: int | None
    story_id: int | None


@dataclass
class ApiToken:
    """A personal API token as listed to its owner: never the token itself (only its hash is kept)."""
    id: int
    user_id: int
    name: str
    created_at: datetime
    last_used: datetime | None

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "created_at": _iso(self.created_at),
                "last_used": _iso(self.last_used)}


@dataclass
class SavedSearch:
    id: int
    user_id: int
    name: str
    query: str
    created_at: datetime

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "query": self.query, "created_at": _iso(self.created_at)}


@dataclass
class Follow:
    id: int
    user_id: int
    kind: str
    target: str
    created_at: datetime

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "target": self.target, "created_at": _iso(self.created_at)}


@dataclass
class Mute:
    id: int
    user_id: int
    kind: str
    value: str

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "value": self.value}


@dataclass
class AlertSettings:
    user_id: int
    webhook_url: str | None = None
    email: str | None = None
    has_feed_token: bool = False
    scanned_to: int = 0  # articles.id up to which matching has run


@dataclass
class InboxItem:
    id: int
    user_id: int
    article_id: int
    reason: str
    created_at: datetime
    read: bool
    title: str | None
    outlet: str | None
    url: str | None
    published: datetime | None
    story_id: int | None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "article_id": self.article_id, "reason": self.reason,
            "created_at": _iso(self.created_at), "read": self.read, "title": self.title,
            "outlet": self.outlet, "url": self.url, "published": _iso(self.published), "story_id": self.story_id,
        }
