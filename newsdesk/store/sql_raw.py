"""Sources and raw documents (part of SQLStorage)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime, timedelta, timezone
from typing import Any

from newsdesk.models import Article, RawDocument, Source
from newsdesk.store.base import RawRecord, RawState
from newsdesk.store.db import Database
from newsdesk.store.keys import url_key
from newsdesk.store.rawfiles import RawFiles
from newsdesk.store.times import from_db, now_db, to_db

_SOURCE_COLUMNS = (
    "id, url, kind, title, etag, last_modified, last_fetched, next_fetch, interval_s, error, error_count"
)


def _source(row: Any) -> Source:
    return Source(
        id=row["id"], url=row["url"], kind=row["kind"], title=row["title"], etag=row["etag"],
        last_modified=row["last_modified"], last_fetched=from_db(row["last_fetched"]),
        next_fetch=from_db(row["next_fetch"]), interval_s=row["interval_s"], error=row["error"],
        error_count=row["error_count"],
    )


def _raw(row: Any) -> RawRecord:
    return RawRecord(
        id=row["id"], sha256=row["sha256"], uri=row["uri"], format=row["format"], state=row["state"],
        error=row["error"], fetched_at=from_db(row["fetched_at"]),  # type: ignore[arg-type]
        source_id=row["source_id"], meta=json.loads(row["meta"] or "{}"), final_url=row["final_url"],
        content_type=row["content_type"], encoding=row["encoding"], status=row["status"],
        attempts=row["attempts"], article_id=row["article_id"],
        work=json.loads(row["work"]) if row["work"] else None,
    )


def _json_default(value: object) -> str:
    if isinstance(value, datetime):
        return value.isoformat()
    return str(value)


class RawSQL:
    db: Database
    raw_files: RawFiles

    # ------------------------------------------------------------------ sources
    def add_source(self, url: str, kind: str = "feed", title: str | None = None) -> Source:
        with self.db.write() as conn:
            conn.execute(
                "INSERT INTO sources (url, kind, title, created_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (url) DO UPDATE SET title = COALESCE(excluded.title, sources.title)",
                (url, kind, title, now_db()),
            )
            row = conn.execute(f"SELECT {_SOURCE_COLUMNS} FROM sources WHERE url = ?", (url,)).fetchone()
        return _source(row)

    def list_sources(self) -> list[Source]:
        rows = self.db.conn().execute(f"SELECT {_SOURCE_COLUMNS} FROM sources ORDER BY id").fetchall()
        return [_source(r) for r in rows]

    def due_sources(self, now: datetime) -> list[Source]:
        rows = self.db.conn().execute(
            f"SELECT {_SOURCE_COLUMNS} FROM sources WHERE next_fetch IS NULL OR next_fetch <= ? "
            "ORDER BY next_fetch IS NOT NULL, next_fetch, id",
            (to_db(now),),
        ).fetchall()
        return [_source(r) for r in rows]

    def record_fetch(self, source: Source) -> None:
        """Store what a poll learnt (validators, errors); schedules the next fetch
        (`next_fetch` if the caller set it, else now + interval, backing off on errors)."""
        if source.id is None:
            raise ValueError(f"{source.url}: source has no id (add it with add_source first)")
        last = source.last_fetched or datetime.now(timezone.utc)
        next_fetch = source.next_fetch
        if next_fetch is None or next_fetch <= last:
            backoff = 2 ** min(source.error_count, 6) if source.error else 1
            next_fetch = last + timedelta(seconds=source.interval_s * backoff)
        with self.db.write() as conn:
            conn.execute(
                "UPDATE sources SET kind = ?, title = ?, etag = ?, last_modified = ?, last_fetched = ?, "
                "next_fetch = ?, interval_s = ?, error = ?, error_count = ? WHERE id = ?",
                (source.kind, source.title, source.etag, source.last_modified, to_db(last),
                 to_db(next_fetch), source.interval_s, source.error, source.error_count, source.id),
            )

    # ------------------------------------------------------------ raw documents
    def put_raw(self, raw: RawDocument) -> tuple[RawRecord, bool]:
        """(record, True) for new bytes; (the existing record, False) for bytes seen before."""
        sha = self.raw_files.put(raw.content)  # bytes first: a row never lacks them
        with self.db.write() as conn:
            cur = conn.execute(
                "INSERT INTO raw_documents (sha256, uri, final_url, format, encoding, content_type, status,"
                " size, fetched_at, source_id, meta, state, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'fetched', ?) ON CONFLICT (sha256) DO NOTHING",
                (sha, raw.uri, raw.final_url, raw.format, raw.encoding, raw.content_type, raw.status,
                 len(raw.content), to_db(raw.fetched_at), raw.source_id,
                 json.dumps(raw.meta, default=_json_default, ensure_ascii=False), now_db()),
            )
            created = cur.rowcount == 1
            row = conn.execute("SELECT * FROM raw_documents WHERE sha256 = ?", (sha,)).fetchone()
        return _raw(row), created

    def raw_content(self, sha256: str) -> bytes | None:
        return self.raw_files.get(sha256)

    def get_raw(self, raw_id: int) -> RawRecord | None:
        row = self.db.conn().execute("SELECT * FROM raw_documents WHERE id = ?", (raw_id,)).fetchone()
        return _raw(row) if row else None

    def set_raw_state(
        self, raw_id: int, state: RawState, error: str | None = None,
        *, work: Article | None = None, article_id: int | None = None,
    ) -> None:
        work_json = json.dumps(work.to_json(), ensure_ascii=False) if work is not None else None
        with self.db.write() as conn:
            cur = conn.execute(
                "UPDATE raw_documents SET state = ?, error = ?, updated_at = ?,"
                " work = CASE WHEN ? IN ('stored', 'failed') THEN NULL ELSE COALESCE(?, work) END,"
                " article_id = COALESCE(?, article_id) WHERE id = ?",
                (state, error, now_db(), state, work_json, article_id, raw_id),
            )
            if cur.rowcount != 1:
                raise KeyError(f"raw document {raw_id} does not exist")

    def begin_attempt(self, raw_id: int) -> int:
        with self.db.write() as conn:
            row = conn.execute(
                "UPDATE raw_documents SET attempts = attempts + 1 WHERE id = ? RETURNING attempts", (raw_id,)
            ).fetchone()
        if row is None:
            raise KeyError(f"raw document {raw_id} does not exist")
        return int(row[0])

    def raws_in_state(self, states: Iterable[RawState], limit: int = 1000, after_id: int = 0) -> list[RawRecord]:
        wanted = list(states)
        if not wanted:
            return []
        marks = ",".join("?" * len(wanted))
        rows = self.db.conn().execute(
            f"SELECT * FROM raw_documents WHERE state IN ({marks}) AND id > ? ORDER BY id LIMIT ?",
            (*wanted, after_id, limit),
        ).fetchall()
        return [_raw(r) for r in rows]

    def known_urls(self, urls: Iterable[str]) -> set[str]:
        """The URLs already held: an article (or a syndicated copy) at that URL, or raw
        bytes fetched from it that are still being processed or stored."""
        conn = self.db.conn()
        known = set()
        for url in set(urls):
            key = url_key(url)
            hit = conn.execute(
                "SELECT 1 FROM raw_documents WHERE (uri = ? OR final_url = ?) AND state != 'failed' LIMIT 1",
                (url, url),
            ).fetchone() or (key and conn.execute(
                "SELECT 1 FROM article_outlets WHERE url_key = ? AND url_key != '' LIMIT 1", (key,)  # partial index
            ).fetchone())
            if hit:
                known.add(url)
        return known

    def raw_counts(self) -> dict[str, int]:
        rows = self.db.conn().execute("SELECT state, COUNT(*) FROM raw_documents GROUP BY state").fetchall()
        return {r[0]: r[1] for r in rows}
