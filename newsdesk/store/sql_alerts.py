"""Saved searches, follows, mutes, alert settings and the inbox (SQLite part of SQLiteStorage).

Matching reads articles by id: each user has a cursor (`alert_settings.scanned_to`)
and every query below looks only at articles after it, so a match is found once.
"""

from __future__ import annotations

import sqlite3
from typing import Iterable

from newsdesk.store.account_models import (
    FOLLOW_KINDS, MUTE_KINDS, AlertSettings, Follow, InboxItem, Mute, SavedSearch,
)
from newsdesk.store.db import Database
from newsdesk.store.fts import fts_query
from newsdesk.store.times import from_db, now_db


def _saved(row: sqlite3.Row) -> SavedSearch:
    return SavedSearch(row["id"], row["user_id"], row["name"], row["query"], from_db(row["created_at"]))  # type: ignore[arg-type]


def _follow(row: sqlite3.Row) -> Follow:
    return Follow(row["id"], row["user_id"], row["kind"], row["target"], from_db(row["created_at"]))  # type: ignore[arg-type]


def _inbox(row: sqlite3.Row) -> InboxItem:
    return InboxItem(
        id=row["id"], user_id=row["user_id"], article_id=row["article_id"], reason=row["reason"],
        created_at=from_db(row["created_at"]), read=row["read_at"] is not None,  # type: ignore[arg-type]
        title=row["title"], outlet=row["outlet"], url=row["url"], published=from_db(row["published"]),
        story_id=row["story_id"],
    )


class AlertSQL:
    db: Database

    # ------------------------------------------------------------ saved searches
    def add_saved_search(self, user_id: int, name: str, query: str) -> SavedSearch:
        if fts_query(query) is None:
            raise ValueError(f"saved search {query!r}: holds no searchable word")
        with self.db.write() as conn:
            self._settings_row(conn, user_id)
            conn.execute(
                "INSERT INTO saved_searches (user_id, name, query, created_at) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (user_id, query) DO UPDATE SET name = excluded.name",
                (user_id, name or query, query, now_db()),
            )
            row = conn.execute("SELECT * FROM saved_searches WHERE user_id = ? AND query = ?", (user_id, query)).fetchone()
        return _saved(row)

    def saved_searches(self, user_id: int) -> list[SavedSearch]:
        rows = self.db.conn().execute("SELECT * FROM saved_searches WHERE user_id = ? ORDER BY id", (user_id,)).fetchall()
        return [_saved(r) for r in rows]

    def get_saved_search(self, search_id: int) -> SavedSearch | None:
        row = self.db.conn().execute("SELECT * FROM saved_searches WHERE id = ?", (search_id,)).fetchone()
        return _saved(row) if row else None

    def delete_saved_search(self, user_id: int, search_id: int) -> bool:
        with self.db.write() as conn:
            return conn.execute("DELETE FROM saved_searches WHERE id = ? AND user_id = ?", (search_id, user_id)).rowcount > 0

    # ------------------------------------------------------------ follows and mutes
    def add_follow(self, user_id: int, kind: str, target: str) -> Follow:
        if kind not in FOLLOW_KINDS or not target.strip():
            raise ValueError(f"follow {kind!r} {target!r}: expected one of {', '.join(FOLLOW_KINDS)} and a name")
        with self.db.write() as conn:
            self._settings_row(conn, user_id)
            conn.execute(
                "INSERT OR IGNORE INTO follows (user_id, kind, target, created_at) VALUES (?, ?, ?, ?)",
                (user_id, kind, target.strip(), now_db()),
            )
            row = conn.execute(
                "SELECT * FROM follows WHERE user_id = ? AND kind = ? AND target = ?", (user_id, kind, target.strip())
            ).fetchone()
        return _follow(row)

    def follows(self, user_id: int) -> list[Follow]:
        rows = self.db.conn().execute("SELECT * FROM follows WHERE user_id = ? ORDER BY kind, target", (user_id,)).fetchall()
        return [_follow(r) for r in rows]

    def delete_follow(self, user_id: int, follow_id: int) -> bool:
        with self.db.write() as conn:
            return conn.execute("DELETE FROM follows WHERE id = ? AND user_id = ?", (follow_id, user_id)).rowcount > 0

    def add_mute(self, user_id: int, kind: str, value: str) -> Mute:
        if kind not in MUTE_KINDS or not value.strip():
            raise ValueError(f"mute {kind!r} {value!r}: expected one of {', '.join(MUTE_KINDS)} and a value")
        with self.db.write() as conn:
            conn.execute(
                "INSERT OR IGNORE INTO mutes (user_id, kind, value, created_at) VALUES (?, ?, ?, ?)",
                (user_id, kind, value.strip(), now_db()),
            )
            row = conn.execute(
                "SELECT * FROM mutes WHERE user_id = ? AND kind = ? AND value = ?", (user_id, kind, value.strip())
            ).fetchone()
        return Mute(row["id"], row["user_id"], row["kind"], row["value"])

    def mutes(self, user_id: int) -> list[Mute]:
        rows = self.db.conn().execute("SELECT * FROM mutes WHERE user_id = ? ORDER BY kind, value", (user_id,)).fetchall()
        return [Mute(r["id"], r["user_id"], r["kind"], r["value"]) for r in rows]

    def delete_mute(self, user_id: int, mute_id: int) -> bool:
        with self.db.write() as conn:
            return conn.execute("DELETE FROM mutes WHERE id = ? AND user_id = ?", (mute_id, user_id)).rowcount > 0

    # ------------------------------------------------------------ alert settings
    def alert_settings(self, user_id: int) -> AlertSettings:
        row = self.db.conn().execute("SELECT * FROM alert_settings WHERE user_id = ?", (user_id,)).fetchone()
        if row is None:
            return AlertSettings(user_id=user_id)
        return AlertSettings(user_id, row["webhook_url"], row["email"], row["feed_token_hash"] is not None, row["scanned_to"])

    def _settings_row(self, conn: sqlite3.Connection, user_id: int) -> None:
        # a new user's cursor starts at the newest article: alerts are for what comes next
        conn.execute(
            "INSERT OR IGNORE INTO alert_settings (user_id, scanned_to)"
            " VALUES (?, (SELECT COALESCE(MAX(id), 0) FROM articles))",
            (user_id,),
        )

    def set_alert_delivery(self, user_id: int, webhook_url: str | None, email: str | None) -> None:
        with self.db.write() as conn:
            self._settings_row(conn, user_id)
            conn.execute(
                "UPDATE alert_settings SET webhook_url = ?, email = ? WHERE user_id = ?",
                (webhook_url or None, email or None, user_id),
            )

    def set_feed_token(self, user_id: int, token_hash: str) -> None:
        with self.db.write() as conn:
            self._settings_row(conn, user_id)
            conn.execute("UPDATE alert_settings SET feed_token_hash = ? WHERE user_id = ?", (token_hash, user_id))

    def feed_token_user(self, token_hash: str) -> int | None:
        row = self.db.conn().execute(
            "SELECT s.user_id FROM alert_settings s JOIN users u ON u.id = s.user_id"
            " WHERE s.feed_token_hash = ? AND u.disabled = 0",
            (token_hash,),
        ).fetchone()
        return int(row[0]) if row else None

    def start_alerts(self, user_id: int) -> int:
        """Makes sure the user has a cursor; returns it."""
        with self.db.write() as conn:
            self._settings_row(conn, user_id)
            return int(conn.execute("SELECT scanned_to FROM alert_settings WHERE user_id = ?", (user_id,)).fetchone()[0])

    def users_with_alerts(self) -> list[int]:
        rows = self.db.conn().execute(
            "SELECT DISTINCT user_id FROM follows UNION SELECT DISTINCT user_id FROM saved_searches"
        ).fetchall()
        return sorted(int(r[0]) for r in rows)

    # ------------------------------------------------------------ matching
    def max_article_id(self) -> int:
        return int(self.db.conn().execute("SELECT COALESCE(MAX(id), 0) FROM articles").fetchone()[0])

    def articles_mentioning(self, name: str, after_id: int, upto_id: int) -> list[int]:
        rows = self.db.conn().execute(
            "SELECT DISTINCT m.article_id FROM mentions m JOIN entities e ON e.id = m.entity_id"
            " WHERE m.article_id > ? AND m.article_id <= ? AND (e.name = ? COLLATE NOCASE OR m.name = ? COLLATE NOCASE)"
            " ORDER BY m.article_id",
            (after_id, upto_id, name, name),
        ).fetchall()
        return [int(r[0]) for r in rows]

    def articles_in_story(self, story_id: int, after_id: int, upto_id: int) -> list[int]:
        rows = self.db.conn().execute(
            "SELECT id FROM articles WHERE story_id = ? AND id > ? AND id <= ? ORDER BY id", (story_id, after_id, upto_id)
        ).fetchall()
        return [int(r[0]) for r in rows]

    def articles_from_outlet(self, outlet: str, after_id: int, upto_id: int) -> list[int]:
        rows = self.db.conn().execute(
            "SELECT id FROM articles WHERE outlet = ? COLLATE NOCASE AND id > ? AND id <= ?"
            " UNION SELECT article_id FROM article_outlets WHERE name = ? COLLATE NOCASE AND article_id > ? AND article_id <= ?"
            " ORDER BY 1",
            (outlet, after_id, upto_id, outlet, after_id, upto_id),
        ).fetchall()
        return [int(r[0]) for r in rows]

    def articles_matching(self, query: str, after_id: int, upto_id: int) -> list[int]:
        match = fts_query(query)
        if match is None:
            return []
        rows = self.db.conn().execute(
            "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? AND rowid > ? AND rowid <= ? ORDER BY rowid",
            (match, after_id, upto_id),
        ).fetchall()
        return [int(r[0]) for r in rows]

    def recent_articles_mentioning(self, name: str, limit: int = 50) -> list[int]:
        """Newest first (by reading time) for an entity page's feed."""
        rows = self.db.conn().execute(
            "SELECT a.id FROM articles a WHERE a.id IN (SELECT m.article_id FROM mentions m"
            " JOIN entities e ON e.id = m.entity_id WHERE e.name = ? COLLATE NOCASE OR m.name = ? COLLATE NOCASE)"
            " ORDER BY a.sort_time DESC, a.id DESC LIMIT ?",
            (name, name, limit),
        ).fetchall()
        return [int(r[0]) for r in rows]

    def recent_articles_from_outlet(self, outlet: str, limit: int = 50) -> list[int]:
        rows = self.db.conn().execute(
            "SELECT a.id FROM articles a WHERE a.outlet = ? COLLATE NOCASE OR a.id IN"
            " (SELECT article_id FROM article_outlets WHERE name = ? COLLATE NOCASE)"
            " ORDER BY a.sort_time DESC, a.id DESC LIMIT ?",
            (outlet, outlet, limit),
        ).fetchall()
        return [int(r[0]) for r in rows]

    def entity_names_of(self, article_ids: Iterable[int]) -> dict[int, set[str]]:
        """Lower-cased entity names (canonical and as written) mentioned by each article."""
        ids = list(article_ids)
        found: dict[int, set[str]] = {i: set() for i in ids}
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self.db.conn().execute(
                f"SELECT m.article_id, lower(e.name), lower(m.name) FROM mentions m JOIN entities e ON e.id = m.entity_id"
                f" WHERE m.article_id IN ({marks})",
                chunk,
            ).fetchall()
            for article_id, canonical, written in rows:
                found[article_id].update((canonical, written))
        return found

    def stories_mentioning(self, names: Iterable[str], story_ids: Iterable[int]) -> set[int]:
        """Those of `story_ids` with an article that mentions one of `names` (any case)."""
        names, ids = [n.lower() for n in names], list(story_ids)
        if not names or not ids:
            return set()
        rows = self.db.conn().execute(
            f"SELECT DISTINCT a.story_id FROM articles a JOIN mentions m ON m.article_id = a.id"
            f" JOIN entities e ON e.id = m.entity_id WHERE a.story_id IN ({','.join('?' * len(ids))})"
            f" AND (lower(e.name) IN ({','.join('?' * len(names))}) OR lower(m.name) IN ({','.join('?' * len(names))}))",
            [*ids, *names, *names],
        ).fetchall()
        return {int(r[0]) for r in rows}

    # ------------------------------------------------------------ inbox
    def add_inbox_items(self, user_id: int, matches: list[tuple[int, str]], scanned_to: int) -> int:
        """Stores (article_id, reason) matches and moves the cursor, in one transaction.
        Returns the number of new items."""
        with self.db.write() as conn:
            self._settings_row(conn, user_id)
            added = 0
            for article_id, reason in matches:
                added += conn.execute(
                    "INSERT OR IGNORE INTO inbox_items (user_id, article_id, reason, created_at) VALUES (?, ?, ?, ?)",
                    (user_id, article_id, reason, now_db()),
                ).rowcount
            conn.execute(
                "UPDATE alert_settings SET scanned_to = MAX(scanned_to, ?) WHERE user_id = ?", (scanned_to, user_id)
            )
        return added

    def inbox(self, user_id: int, *, limit: int = 100, unread_only: bool = False,
              undelivered_only: bool = False) -> list[InboxItem]:
        where = " AND i.read_at IS NULL" if unread_only else ""
        where += " AND i.delivered_at IS NULL" if undelivered_only else ""
        rows = self.db.conn().execute(
            "SELECT i.*, a.title, a.outlet, a.published, a.story_id, json_extract(a.data, '$.url') AS url"
            f" FROM inbox_items i JOIN articles a ON a.id = i.article_id WHERE i.user_id = ?{where}"
            " ORDER BY i.id DESC LIMIT ?",
            (user_id, limit),
        ).fetchall()
        return [_inbox(r) for r in rows]

    def unread_count(self, user_id: int) -> int:
        row = self.db.conn().execute(
            "SELECT COUNT(*) FROM inbox_items WHERE user_id = ? AND read_at IS NULL", (user_id,)
        ).fetchone()
        return int(row[0])

    def mark_inbox_read(self, user_id: int, item_ids: list[int] | None = None) -> int:
        """Marks the given items (all when None) read."""
        with self.db.write() as conn:
            if item_ids is None:
                return conn.execute(
                    "UPDATE inbox_items SET read_at = ? WHERE user_id = ? AND read_at IS NULL", (now_db(), user_id)
                ).rowcount
            return sum(
                conn.execute(
                    "UPDATE inbox_items SET read_at = ? WHERE user_id = ? AND id = ? AND read_at IS NULL",
                    (now_db(), user_id, item_id),
                ).rowcount
                for item_id in item_ids
            )

    def mark_delivered(self, item_ids: list[int]) -> None:
        with self.db.write() as conn:
            conn.executemany("UPDATE inbox_items SET delivered_at = ? WHERE id = ?", [(now_db(), i) for i in item_ids])
