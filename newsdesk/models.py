"""The plain data that flows between stages.

Every stage is a function over these dataclasses; nothing here knows about HTTP,
SQL or the web. `Article.to_json()` is the public article JSON (API and
`newsdesk extract --json`): later work adds fields, never renames them.
"""

from __future__ import annotations

import copy
import hashlib
from dataclasses import dataclass, field, fields
from datetime import datetime, timezone
from typing import Any, Literal

InputFormat = Literal["html", "text", "jsonl", "warc", "feed", "sitemap"]


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# --------------------------------------------------------------------- sources


@dataclass
class RawDocument:
    """One document as it arrived, before any interpretation.

    `uri` is the URL it was fetched from or the local path it was read from.
    `format` is what `sources` decided the bytes are ("html" or "text" for an
    article; a feed or a WARC is expanded into RawDocuments by `sources`).
    `meta` carries what the container knew about the item (feed entry title,
    published date, outlet name, a JSONL line's fields...), used by `extract`
    as hints when the page itself lacks them.
    """

    uri: str
    content: bytes
    format: InputFormat = "html"
    content_type: str | None = None
    encoding: str | None = None
    fetched_at: datetime = field(default_factory=utcnow)
    final_url: str | None = None
    status: int | None = None
    source_id: int | None = None
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def sha256(self) -> str:
        return sha256_hex(self.content)

    @property
    def url(self) -> str:
        """The best URL for the document: where it ended up, else where it came from."""
        return self.final_url or self.uri


@dataclass
class Source:
    """A followed source: a feed, a sitemap or a single page."""

    id: int | None
    url: str
    kind: Literal["feed", "sitemap", "page"] = "feed"
    title: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    last_fetched: datetime | None = None
    next_fetch: datetime | None = None
    interval_s: int = 900
    error: str | None = None
    error_count: int = 0


@dataclass
class Failure:
    """A per-item failure, returned as a value (never raised through a batch)."""

    input: str
    error: str
    kind: str = "error"

    def to_json(self) -> dict[str, Any]:
        return {"input": self.input, "error": self.error}


# --------------------------------------------------------------------- extract


@dataclass
class Image:
    url: str | None = None
    caption: str | None = None
    credit: str | None = None


@dataclass
class RelatedItem:
    """A related item the page itself carries (never part of the body)."""

    outlet: str | None = None
    title: str | None = None
    text: str | None = None
    age_text: str | None = None
    url: str | None = None


# ---------------------------------------------------------------------- enrich


@dataclass
class EntityMention:
    name: str
    type: str  # PERSON, ORG, GPE, LOC, NORP, EVENT...
    start: int  # offsets into Article.text (or into the string `where` names)
    end: int
    canonical: str | None = None
    # where the mention is: "text" (Article.text), "title", or "caption:N" (Article.images[N].caption)
    where: str = "text"


@dataclass
class Quote:
    text: str
    speaker: str | None
    speaker_start: int | None
    speaker_end: int | None
    cue: str | None
    partial: bool
    start: int
    end: int
    # this quote carries on the previous one: split by its cue ('"...," X said. "..."')
    # or by a paragraph break; readers and scorers may join the two
    continues: bool = False


@dataclass
class TimeMention:
    text: str
    start: int
    end: int
    value: str  # ISO: 2025-05-15, 2024-06, 2022, 2025-05-08/2025-05-10, P30D
    kind: Literal["date", "range", "duration", "set", "time"] = "date"


@dataclass
class Event:
    date: str  # ISO value, granularity kept
    sentence: str
    start: int
    end: int
    entities: list[str] = field(default_factory=list)
    quote: str | None = None
    sources: list[str] = field(default_factory=list)  # article URLs, filled by merge_timelines


@dataclass
class Article:
    """An extracted (and, once enriched, understood) article."""

    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: datetime | None = None
    published_estimated: bool = False
    language: str | None = None
    text: str = ""  # body paragraphs joined by one blank line
    subheadings: list[str] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    related: list[RelatedItem] = field(default_factory=list)
    entities: list[EntityMention] = field(default_factory=list)
    hashtags: list[str] = field(default_factory=list)
    # filled by later stages / issues; empty until then
    canonical_url: str | None = None
    site_name: str | None = None
    wire: str | None = None  # original agency when stated: Reuters, AP, AFP
    description: str | None = None
    keywords: list[str] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    times: list[TimeMention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    key_points: list[str] = field(default_factory=list)
    sentences: list[tuple[int, int]] = field(default_factory=list)  # offsets, not in JSON
    raw_sha256: str | None = None

    @property
    def paragraphs(self) -> list[str]:
        return [p for p in self.text.split("\n\n") if p.strip()]

    def to_json(self) -> dict[str, Any]:
        data = {name: _plain(getattr(self, name)) for name in _fields_of(Article) if name != "sentences"}
        data["published"] = self.published.isoformat() if self.published else None
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Article":
        data = dict(data)
        data.pop("id", None)
        known = {f for f in cls.__dataclass_fields__}
        data = {k: v for k, v in data.items() if k in known}
        if data.get("published"):
            data["published"] = datetime.fromisoformat(data["published"])
        data["images"] = [Image(**i) for i in data.get("images") or []]
        data["related"] = [RelatedItem(**r) for r in data.get("related") or []]
        data["entities"] = [EntityMention(**e) for e in data.get("entities") or []]
        data["quotes"] = [Quote(**q) for q in data.get("quotes") or []]
        data["times"] = [TimeMention(**t) for t in data.get("times") or []]
        data["events"] = [Event(**e) for e in data.get("events") or []]
        data["sentences"] = [tuple(s) for s in data.get("sentences") or []]
        return cls(**data)


_FIELDS: dict[type, tuple[str, ...]] = {}
_ATOMS = (str, int, float, bool, type(None))


def _fields_of(cls: type) -> tuple[str, ...]:
    names = _FIELDS.get(cls)
    if names is None:
        names = _FIELDS[cls] = tuple(f.name for f in fields(cls))
    return names


def _plain(value: Any) -> Any:
    """What dataclasses.asdict gives for a field value (nested dataclasses as dicts, lists and
    tuples copied), without asdict's generic deep copy: Article.to_json runs once per stored
    article, and asdict cost ~1.1 ms of it (this: ~0.2 ms)."""
    kind = type(value)
    if kind in _ATOMS:
        return value
    if kind is list:
        return [_plain(v) for v in value]
    if hasattr(kind, "__dataclass_fields__"):
        return {name: _plain(getattr(value, name)) for name in _fields_of(kind)}
    if kind is tuple:
        return tuple(_plain(v) for v in value)
    if kind is dict:
        return {_plain(k): _plain(v) for k, v in value.items()}
    return copy.deepcopy(value)  # what asdict does with any other value


# --------------------------------------------------------------------- stories


@dataclass
class Assignment:
    """Why an article went into a story: kept with the story, shown to readers."""

    story_id: int | None  # None: start a new story
    score: float
    new_story: bool
    similar_articles: list[tuple[int, float]] = field(default_factory=list)
    shared_entities: list[str] = field(default_factory=list)
    reason: str = ""
