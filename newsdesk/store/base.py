"""The storage Protocol: the only door to SQL.

Stages never talk SQL; the pipeline, web, API and CLI talk to a `Storage`.
SQLite (`store/sqlite.py`) is the default implementation; PostgreSQL follows
behind the same Protocol. Read models (`StoredArticle`, `StorySummary`, ...) are
plain dataclasses so HTML views and the JSON API share them.

Raw document states, in order: fetched -> extracted -> enriched -> stored, or
failed (with an error). A restart picks up every raw document that is not
`stored` or `failed`. A document whose processing was started `MAX_ATTEMPTS`
times without finishing (it kills the process) is marked failed instead.

Articles are matched, in order, by normalised URL (any outlet's URL), then by a
hash of the text: the same URL with new text is one article with a new version
(`article_versions`); the same text from another URL is one article with
another outlet (`article_outlets`).
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Iterable, Literal, Protocol

from newsdesk.models import Article, Assignment, RawDocument, Source
from newsdesk.store.entity_models import EntitySummary, StoredEvent, StoredQuote

RawState = Literal["fetched", "extracted", "enriched", "stored", "failed"]
PENDING_STATES: tuple[RawState, ...] = ("fetched", "extracted", "enriched")
MAX_ATTEMPTS = 3


@dataclass
class RawRecord:
    id: int
    sha256: str
    uri: str
    format: str
    state: RawState
    error: str | None
    fetched_at: datetime
    source_id: int | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    final_url: str | None = None
    content_type: str | None = None
    encoding: str | None = None
    status: int | None = None
    attempts: int = 0
    article_id: int | None = None
    work: dict[str, Any] | None = None  # Article JSON saved with the last finished stage

    def to_document(self, content: bytes) -> RawDocument:
        """The RawDocument again (for re-processing from the stored bytes)."""
        return RawDocument(
            uri=self.uri, content=content, format=self.format, content_type=self.content_type,  # type: ignore[arg-type]
            encoding=self.encoding, fetched_at=self.fetched_at, final_url=self.final_url,
            status=self.status, source_id=self.source_id, meta=dict(self.meta),
        )


@dataclass
class ArticleMatch:
    """An article already stored that a new one is the same as, and why."""

    article_id: int
    by: Literal["url", "text"]
    story_id: int | None


@dataclass
class ArticleVersion:
    version: int
    title: str | None
    text_hash: str
    saved_at: datetime
    article: Article
    raw_id: int | None = None


@dataclass
class OutletRef:
    """One outlet that carried an article (syndicated copy gives several)."""

    name: str
    url: str | None
    published: datetime | None
    title: str | None = None


@dataclass
class SaveResult:
    article_id: int
    created: bool  # False: same URL or same content seen before (an update or a duplicate)
    changed: bool  # the stored text changed (an update recorded in the history)


@dataclass
class StoredArticle:
    id: int
    article: Article
    outlets: list[OutletRef]
    story_id: int | None
    first_seen: datetime
    updated_at: datetime
    version: int = 1

    def to_json(self) -> dict[str, Any]:
        data = self.article.to_json()
        data["id"] = self.id
        data["story_id"] = self.story_id
        data["first_seen"] = self.first_seen.isoformat()
        data["updated_at"] = self.updated_at.isoformat()
        data["version"] = self.version
        data["outlets"] = [
            {"name": o.name, "url": o.url, "published": o.published.isoformat() if o.published else None}
            for o in self.outlets
        ]
        return data


@dataclass
class StorySummary:
    id: int
    title: str
    first_seen: datetime
    last_seen: datetime
    article_count: int
    outlet_count: int
    outlets: list[str] = field(default_factory=list)
    developing: bool = False
    rank: float = 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "first_seen": self.first_seen.isoformat(),
            "last_seen": self.last_seen.isoformat(),
            "article_count": self.article_count,
            "outlet_count": self.outlet_count,
            "outlets": self.outlets,
            "developing": self.developing,
        }


@dataclass
class StoryDetail:
    summary: StorySummary
    articles: list[StoredArticle]
    assignments: list[tuple[int, Assignment]]  # (article_id, why it joined)
    data: dict[str, Any] = field(default_factory=dict)  # timeline, brief, quotes... (stories stage)


@dataclass
class SearchHit:
    article_id: int
    title: str
    outlet: str | None
    snippet: str  # may contain <mark>..</mark> around matches; everything else escaped
    published: datetime | None
    story_id: int | None
    rank: float


@dataclass
class SearchFilters:
    """Narrowing of a search or of the front page; every field optional."""

    since: datetime | None = None
    until: datetime | None = None  # exclusive
    outlet: str | None = None
    entity: str | None = None  # entity name (canonical), any case
    story_id: int | None = None

    def any(self) -> bool:
        return any(v is not None and v != "" for v in (self.since, self.until, self.outlet, self.entity, self.story_id))


@dataclass
class OutletProfile:
    name: str
    article_count: int
    first_article: datetime | None
    last_article: datetime | None
    per_day: float  # articles per day over the span it has been seen
    top_entities: list[tuple[str, str, int]]  # (name, type, articles)
    top_story_ids: list[int]  # stories it covered most
    shared_stories: int  # stories it shares with at least one other outlet
    first_on: int  # ...of which it published first
    median_lag_minutes: float | None  # behind the first report, on the stories it was not first on


@dataclass
class User:
    id: int
    username: str
    email: str | None
    password_hash: str  # argon2 hash made by the web layer
    role: str  # reader | moderator | admin
    created_at: datetime
    last_login: datetime | None = None
    disabled: bool = False


@dataclass
class Comment:
    id: int
    user_id: int
    username: str
    body: str  # as typed: escape when rendering
    created_at: datetime
    article_id: int | None = None
    story_id: int | None = None
    parent_id: int | None = None
    hidden: bool = False
    updated_at: datetime | None = None  # last edit
    deleted: bool = False  # deleted by its author or a moderator: the body is gone, replies stay


class Storage(Protocol):
    # ---- lifecycle
    def migrate(self) -> None: ...
    def close(self) -> None: ...
    def transaction(self) -> AbstractContextManager[Any]: ...  # many writes as one (the pipeline's batches)

    # ---- sources
    def add_source(self, url: str, kind: str = "feed", title: str | None = None) -> Source: ...
    def list_sources(self) -> list[Source]: ...
    def due_sources(self, now: datetime) -> list[Source]: ...
    def record_fetch(self, source: Source) -> None: ...

    # ---- raw documents: content-addressed by sha256; re-processing never re-fetches
    def put_raw(self, raw: RawDocument) -> tuple[RawRecord, bool]: ...
    def raw_content(self, sha256: str) -> bytes | None: ...
    def get_raw(self, raw_id: int) -> RawRecord | None: ...
    def set_raw_state(
        self, raw_id: int, state: RawState, error: str | None = None,
        *, work: Article | None = None, article_id: int | None = None,
    ) -> None: ...
    def begin_attempt(self, raw_id: int) -> int: ...  # counts a processing attempt; returns the count
    def raws_in_state(self, states: Iterable[RawState], limit: int = 1000, after_id: int = 0) -> list[RawRecord]: ...
    def raw_counts(self) -> dict[str, int]: ...  # state -> number of raw documents
    def known_urls(self, urls: Iterable[str]) -> set[str]: ...  # those already held (poll skips them)

    # ---- articles
    def find_article(self, article: Article) -> ArticleMatch | None: ...
    def save_article(self, article: Article, raw_id: int | None = None) -> SaveResult: ...
    def bulk_save_articles(self, items: Iterable[tuple[Article, int | None]]) -> list[int]: ...  # new ones only
    def add_outlet(self, article_id: int, outlet: OutletRef) -> None: ...
    def get_article(self, article_id: int) -> StoredArticle | None: ...
    def article_versions(self, article_id: int) -> list[ArticleVersion]: ...
    def list_articles(self, limit: int = 50, offset: int = 0) -> list[StoredArticle]: ...
    def articles_by_ids(self, ids: list[int]) -> list[StoredArticle]: ...  # in the order asked
    def entity_counts(self, limit: int = 50) -> list[tuple[str, str, int]]: ...  # (name, type, articles)
    def count_articles(self) -> int: ...
    def unassigned_articles(self, limit: int = 100) -> list[StoredArticle]: ...  # story_id is NULL
    def search(self, query: str, limit: int = 20) -> list[SearchHit]: ...

    # ---- entities across the store (rows merged on save), their quotes and dated events
    def list_entities(self, prefix: str | None = None, type: str | None = None,
                      limit: int = 50, offset: int = 0) -> list[EntitySummary]: ...
    def get_entity(self, entity_id: int) -> EntitySummary | None: ...
    def entities_named(self, name: str) -> list[EntitySummary]: ...  # by name, alias or merge key
    def entity_article_ids(self, entity_id: int, limit: int = 50, offset: int = 0) -> list[int]: ...  # newest first
    def entity_stories(self, entity_id: int, limit: int = 30) -> list[StorySummary]: ...
    def co_entities(self, entity_id: int, limit: int = 20) -> list[tuple[EntitySummary, int]]: ...  # (entity, shared articles)
    def list_quotes(self, entity_ids: list[int] | None = None, speaker: str | None = None,
                    limit: int = 50, offset: int = 0) -> list[StoredQuote]: ...  # newest first
    def entity_events(self, entity_id: int, limit: int = 200) -> list[StoredEvent]: ...  # calendar order
    def article_events(self, article_id: int) -> list[StoredEvent]: ...
    def entity_links(self, article_ids: list[int]) -> dict[str, int]: ...  # name -> entity id

    # ---- stories
    def save_story_assignment(self, article_id: int, assignment: Assignment, title: str) -> int: ...
    def merge_stories(self, source_id: int, target_id: int) -> None: ...  # engine.take_merges()
    def split_story(self, story_id: int, article_ids: list[int], title: str, reason: str) -> int: ...  # take_splits()
    def list_stories(self, limit: int = 30, offset: int = 0) -> list[StorySummary]: ...
    def get_story(self, story_id: int, light: bool = False) -> StoryDetail | None: ...  # light: article heads
    def story_article_heads(self, story_id: int, limit: int = 50, *, newest_first: bool = False
                            ) -> list[StoredArticle]: ...  # no text decoded
    def story_assignment(self, story_id: int, article_id: int) -> Assignment | None: ...
    def save_story_data(self, story_id: int, data: dict[str, Any]) -> None: ...
    def load_story_state(self, key: str) -> bytes | None: ...
    def save_story_state(self, key: str, blob: bytes) -> None: ...
    def existing_story_ids(self, story_ids: Iterable[int]) -> set[int]: ...  # which of these the store has
    def story_redirect(self, story_id: int) -> int | None: ...  # a merged-away story: where it went

    # ---- reader: filtered search, front-page filters, outlets, vectors (sql_reader.py, sql_vectors.py)
    def search_filtered(self, query: str, filters: SearchFilters, limit: int = 20, offset: int = 0) -> list[SearchHit]: ...
    def data_version(self) -> int: ...  # changes on every commit, any process (page caches)
    def article_heads(self, limit: int = 20, offset: int = 0) -> list[StoredArticle]: ...  # no text decoded
    def filter_article_ids(self, ids: list[int], filters: SearchFilters) -> list[int]: ...
    def story_ids_matching(self, filters: SearchFilters, topic: str = "", limit: int = 100) -> list[int]: ...
    def stories_by_ids(self, ids: list[int]) -> list[StorySummary]: ...
    def related_stories(self, entity_names: list[str], before: datetime, exclude: int, limit: int = 5) -> list[tuple[int, int]]: ...
    def outlet_profile(self, name: str, top: int = 10) -> OutletProfile | None: ...
    def outlet_counts(self, limit: int = 50) -> list[tuple[str, int]]: ...
    def story_entity_names(self, story_id: int, limit: int = 8) -> list[str]: ...
    def save_vectors(self, model: str, items: list[tuple[int, Any]]) -> None: ...
    def article_vector(self, article_id: int, model: str) -> Any: ...
    def articles_without_vectors(self, model: str, limit: int = 500) -> list[int]: ...
    def nearest_articles(self, model: str, query: Any, limit: int = 20,
                         exclude: set[int] | None = None) -> list[tuple[int, float]]: ...

    # ---- leases: one pipeline processor at a time across processes
    def acquire_lease(self, name: str, owner: str, ttl_s: float) -> bool: ...
    def release_lease(self, name: str, owner: str) -> None: ...
    def lease_owner(self, name: str) -> str | None: ...

    # ---- users and comments (passwords arrive hashed)
    def create_user(self, username: str, password_hash: str, email: str | None = None, role: str = "reader") -> User: ...
    def get_user(self, user_id: int) -> User | None: ...
    def get_user_by_name(self, username: str) -> User | None: ...
    def update_user(self, user_id: int, *, password_hash: str | None = None, role: str | None = None,
                    disabled: bool | None = None, logged_in: bool = False) -> None: ...
    def add_comment(self, user_id: int, body: str, *, article_id: int | None = None,
                    story_id: int | None = None, parent_id: int | None = None) -> Comment: ...
    def list_comments(self, *, article_id: int | None = None, story_id: int | None = None,
                      include_hidden: bool = False, limit: int = 200) -> list[Comment]: ...
    def hide_comment(self, comment_id: int, hidden: bool = True) -> None: ...
