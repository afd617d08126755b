"""Reading entities across the store: lists, quotes newest first, co-occurrence, timelines."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from newsdesk.store.base import StorySummary
from newsdesk.store.db import Database
from newsdesk.store.entity_models import EntitySummary, StoredEvent, StoredQuote
from newsdesk.store.times import from_db

CO_ARTICLES = 1000  # co-occurrence is counted over the entity's latest articles: a page, not a census
_ARTICLE_COUNT = "(SELECT COUNT(DISTINCT m.article_id) FROM mentions m WHERE m.entity_id = e.id)"


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _entity(row: sqlite3.Row) -> EntitySummary:
    return EntitySummary(id=row["id"], name=row["name"], type=row["type"], aliases=json.loads(row["aliases"]),
                         article_count=row["n"])


class EntityReadSQL:
    db: Database

    def list_entities(self, prefix: str | None = None, type: str | None = None,
                      limit: int = 50, offset: int = 0) -> list[EntitySummary]:
        """Entities mentioned by at least one stored article, most covered first. `prefix`
        matches the start of any word of the name or of an alias, case-insensitively."""
        where, params = ["n > 0"], []  # type: ignore[var-annotated]
        if prefix and prefix.strip():
            p = _like_escape(" ".join(prefix.split()))
            where.append(
                "(name LIKE ? ESCAPE '\\' OR name LIKE ? ESCAPE '\\' OR EXISTS (SELECT 1 FROM json_each(aliases) j"
                " WHERE j.value LIKE ? ESCAPE '\\' OR j.value LIKE ? ESCAPE '\\'))"
            )
            params += [f"{p}%", f"% {p}%", f"{p}%", f"% {p}%"]
        if type:
            where.append("type = ?")
            params.append(type)
        rows = self.db.conn().execute(
            f"SELECT * FROM (SELECT e.*, {_ARTICLE_COUNT} AS n FROM entities e) WHERE {' AND '.join(where)}"
            " ORDER BY n DESC, name LIMIT ? OFFSET ?",
            (*params, limit, offset),
        ).fetchall()
        return [_entity(r) for r in rows]

    def get_entity(self, entity_id: int) -> EntitySummary | None:
        row = self.db.conn().execute(
            f"SELECT e.*, {_ARTICLE_COUNT} AS n FROM entities e WHERE e.id = ?", (entity_id,)
        ).fetchone()
        return _entity(row) if row else None

    def entities_named(self, name: str) -> list[EntitySummary]:
        """Entities whose name or an alias is `name` (case-insensitive), or whose merge key it
        shares ("Zelenskiy" finds the row of "Volodymyr Zelensky" only if it was seen so)."""
        name = " ".join(name.split())
        if not name:
            return []
        rows = self.db.conn().execute(
            f"SELECT e.*, {_ARTICLE_COUNT} AS n FROM entities e WHERE e.name = ? COLLATE NOCASE"
            " OR EXISTS (SELECT 1 FROM json_each(e.aliases) j WHERE j.value = ? COLLATE NOCASE)"
            " OR e.key = ? ORDER BY n DESC, e.id",
            (name, name, self._ids().key(name, "PERSON")),  # type: ignore[attr-defined]
        ).fetchall()
        return [_entity(r) for r in rows]

    def entity_article_ids(self, entity_id: int, limit: int = 50, offset: int = 0) -> list[int]:
        """Articles mentioning the entity, newest first."""
        rows = self.db.conn().execute(
            "SELECT a.id FROM articles a WHERE a.id IN (SELECT article_id FROM mentions WHERE entity_id = ?)"
            " ORDER BY a.sort_time DESC, a.id DESC LIMIT ? OFFSET ?",
            (entity_id, limit, offset),
        ).fetchall()
        return [r[0] for r in rows]

    def entity_stories(self, entity_id: int, limit: int = 30) -> list[StorySummary]:
        """Stories with an article mentioning the entity, most recently updated first."""
        with self.db.read() as conn:
            rows = conn.execute(
                "SELECT s.*, (SELECT COUNT(*) FROM articles a WHERE a.story_id = s.id) AS n FROM stories s"
                " WHERE s.id IN (SELECT a.story_id FROM articles a JOIN mentions m ON m.article_id = a.id"
                " WHERE m.entity_id = ?) ORDER BY s.last_seen DESC, s.id DESC LIMIT ?",
                (entity_id, limit),
            ).fetchall()
            return [self._summary(conn, r) for r in rows]  # type: ignore[attr-defined]

    def co_entities(self, entity_id: int, limit: int = 20) -> list[tuple[EntitySummary, int]]:
        """Other entities in the same articles (the entity's latest CO_ARTICLES), with how many
        articles they share, most first; ties go to the more often mentioned."""
        rows = self.db.conn().execute(
            f"SELECT e.*, {_ARTICLE_COUNT} AS n, shared FROM entities e JOIN ("
            " SELECT m.entity_id AS eid, COUNT(DISTINCT m.article_id) AS shared, COUNT(*) AS said FROM mentions m"
            " WHERE m.entity_id != ? AND m.article_id IN (SELECT a.id FROM articles a WHERE a.id IN"
            "  (SELECT article_id FROM mentions WHERE entity_id = ?) ORDER BY a.sort_time DESC LIMIT ?)"
            " GROUP BY m.entity_id) c ON c.eid = e.id"
            " ORDER BY shared DESC, said DESC, n DESC, e.name LIMIT ?",
            (entity_id, entity_id, CO_ARTICLES, limit),
        ).fetchall()
        return [(_entity(r), int(r["shared"])) for r in rows]

    def list_quotes(self, entity_ids: list[int] | None = None, speaker: str | None = None,
                    limit: int = 50, offset: int = 0) -> list[StoredQuote]:
        """Quotes newest first (article publication time): of the given speaker entities, and/or
        of quotes whose speaker name is `speaker` but is no entity; all quotes when neither is given."""
        where, params = [], []  # type: ignore[var-annotated]
        if entity_ids:
            where.append(f"q.entity_id IN ({','.join('?' * len(entity_ids))})")
            params += entity_ids
        if speaker:
            where.append("(q.entity_id IS NULL AND q.speaker = ? COLLATE NOCASE)")
            params.append(speaker)
        if entity_ids is not None and not entity_ids and not speaker:
            return []
        clause = f"WHERE {' OR '.join(where)}" if where else ""
        rows = self.db.conn().execute(
            "SELECT q.*, a.title AS article_title, a.outlet AS outlet FROM quotes q JOIN articles a ON a.id = q.article_id"
            f" {clause} ORDER BY q.published DESC, q.article_id DESC, q.start LIMIT ? OFFSET ?",
            (*params, limit, offset),
        ).fetchall()
        return [
            StoredQuote(
                id=r["id"], article_id=r["article_id"], text=r["text"], speaker=r["speaker"], entity_id=r["entity_id"],
                cue=r["cue"], partial=bool(r["partial"]), start=r["start"], end=r["end"],
                published=from_db(r["published"]), article_title=r["article_title"], outlet=r["outlet"],
            )
            for r in rows
        ]

    def entity_events(self, entity_id: int, limit: int = 200) -> list[StoredEvent]:
        """Dated events whose sentence mentions the entity, in calendar order."""
        return self._events(
            "e.id IN (SELECT event_id FROM event_entities WHERE entity_id = ?)", (entity_id,), limit
        )

    def article_events(self, article_id: int) -> list[StoredEvent]:
        return self._events("e.article_id = ?", (article_id,), 1000)

    def _events(self, clause: str, params: tuple[Any, ...], limit: int) -> list[StoredEvent]:
        rows = self.db.conn().execute(
            "SELECT e.*, a.title AS article_title, a.outlet AS outlet FROM events e JOIN articles a ON a.id = e.article_id"
            f" WHERE {clause} ORDER BY e.first_day IS NULL, e.first_day, e.last_day, e.published, e.id LIMIT ?",
            (*params, limit),
        ).fetchall()
        return [
            StoredEvent(
                id=r["id"], article_id=r["article_id"], date=r["date"], sentence=r["sentence"],
                first_day=r["first_day"], last_day=r["last_day"], quote=r["quote"],
                published=from_db(r["published"]), article_title=r["article_title"], outlet=r["outlet"],
            )
            for r in rows
        ]

    def entity_links(self, article_ids: list[int]) -> dict[str, int]:
        """Name -> entity id for every entity the articles mention, by the article's canonical
        name and by the entity row's name (so pages can link names to entity pages)."""
        if not article_ids:
            return {}
        marks = ",".join("?" * len(article_ids))
        rows = self.db.conn().execute(
            f"SELECT m.canonical, e.name, e.type, m.entity_id FROM mentions m JOIN entities e ON e.id = m.entity_id"
            f" WHERE m.article_id IN ({marks}) ORDER BY (e.type = 'PERSON') DESC, m.id",
            article_ids,
        ).fetchall()
        links: dict[str, int] = {}
        for r in rows:
            for name in (r["canonical"], r["name"]):
                if name:
                    links.setdefault(name, r["entity_id"])
        return links
