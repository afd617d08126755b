"""Stories: assignments (with their reasons), story data, the engine's saved state."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import datetime, timedelta, timezone
from collections.abc import Iterable
from typing import Any

from newsdesk.models import Assignment
from newsdesk.store.base import StoredArticle, StoryDetail, StorySummary
from newsdesk.store.db import Database
from newsdesk.store.times import from_db, now_db

DEVELOPING_WINDOW = timedelta(hours=6)


def _assignment(reason: str) -> Assignment:
    data = json.loads(reason)
    data["similar_articles"] = [tuple(x) for x in data.get("similar_articles") or []]
    known = Assignment.__dataclass_fields__
    return Assignment(**{k: v for k, v in data.items() if k in known})


class StorySQL:
    db: Database

    def save_story_assignment(self, article_id: int, assignment: Assignment, title: str) -> int:
        """Put the article in `assignment.story_id`, or in a new story titled `title`
        when it has none; returns the story id. Re-assigning an article moves it.

        Safe under concurrent workers: the story row, then the article row, are locked
        before anything changes (the order merge_stories keeps too), so a story's span
        is never computed from a stale view; an article that another worker has just
        put in a story is not given a second, new story."""
        now = now_db()
        lock = self.db.for_update
        with self.db.write() as conn:
            story_id = assignment.story_id
            if story_id is not None and not conn.execute("SELECT 1 FROM stories WHERE id = ?" + lock, (story_id,)).fetchone():
                raise KeyError(f"story {story_id} does not exist (article {article_id})")
            art = conn.execute("SELECT sort_time, story_id FROM articles WHERE id = ?" + lock, (article_id,)).fetchone()
            if art is None:
                raise KeyError(f"article {article_id} does not exist")
            if story_id is None and art["story_id"] is not None:
                return int(art["story_id"])
            seen = art["sort_time"]
            if story_id is None:
                story_id = self._new_story(conn, title, seen, now)
            reason = asdict(assignment) | {"story_id": story_id}
            conn.execute(
                "INSERT INTO story_assignments (article_id, story_id, score, reason, assigned_at)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT (article_id) DO UPDATE SET story_id = excluded.story_id,"
                " score = excluded.score, reason = excluded.reason, assigned_at = excluded.assigned_at",
                (article_id, story_id, float(assignment.score), json.dumps(reason, ensure_ascii=False), now),
            )
            conn.execute("UPDATE articles SET story_id = ? WHERE id = ?", (story_id, article_id))
            self._refresh_span(conn, story_id, now)
        return story_id

    def _refresh_span(self, conn: Any, story_id: int, now: str) -> None:
        conn.execute(
            "UPDATE stories SET first_seen = COALESCE((SELECT MIN(sort_time) FROM articles WHERE story_id = ?), first_seen),"
            " last_seen = COALESCE((SELECT MAX(sort_time) FROM articles WHERE story_id = ?), last_seen),"
            " updated_at = ? WHERE id = ?",
            (story_id, story_id, now, story_id),
        )

    def merge_stories(self, source_id: int, target_id: int) -> None:
        """The stories engine found two stories are one: move everything of `source_id`
        (articles, assignments, comments) into `target_id` and drop it."""
        if source_id == target_id:
            return
        now = now_db()
        with self.db.write() as conn:
            found = conn.execute(
                "SELECT id FROM stories WHERE id IN (?, ?) ORDER BY id" + self.db.for_update, (source_id, target_id)
            ).fetchall()
            if target_id not in {r[0] for r in found}:
                raise KeyError(f"story {target_id} does not exist (merging {source_id} into it)")
            conn.execute("UPDATE articles SET story_id = ? WHERE story_id = ?", (target_id, source_id))
            conn.execute("UPDATE story_assignments SET story_id = ? WHERE story_id = ?", (target_id, source_id))
            conn.execute("UPDATE comments SET story_id = ? WHERE story_id = ?", (target_id, source_id))
            conn.execute("DELETE FROM stories WHERE id = ?", (source_id,))
            # its links keep working: /stories/{source_id} redirects (chains kept one step long)
            conn.execute("UPDATE story_redirects SET to_id = ? WHERE to_id = ?", (target_id, source_id))
            conn.execute(
                "INSERT INTO story_redirects (from_id, to_id, merged_at) VALUES (?, ?, ?)"
                " ON CONFLICT (from_id) DO UPDATE SET to_id = excluded.to_id, merged_at = excluded.merged_at",
                (source_id, target_id, now),
            )
            self._refresh_span(conn, target_id, now)

    def split_story(self, story_id: int, article_ids: list[int], title: str, reason: str) -> int:
        """The stories engine found `article_ids` are another event: move them (and their
        assignments, whose reason gains `reason`) out of `story_id` into a new story; its id."""
        now = now_db()
        with self.db.write() as conn:
            if not conn.execute("SELECT 1 FROM stories WHERE id = ?" + self.db.for_update, (story_id,)).fetchone():
                raise KeyError(f"story {story_id} does not exist (splitting it)")
            marks = ",".join("?" * len(article_ids))
            seen = conn.execute(f"SELECT MIN(sort_time) AS t FROM articles WHERE story_id = ? AND id IN ({marks})",
                                (story_id, *article_ids)).fetchone()["t"]
            if seen is None:
                raise KeyError(f"story {story_id} holds none of articles {article_ids}")
            new_id = self._new_story(conn, title, seen, now)
            conn.execute(f"UPDATE articles SET story_id = ? WHERE story_id = ? AND id IN ({marks})",
                         (new_id, story_id, *article_ids))
            rows = conn.execute(f"SELECT article_id, reason FROM story_assignments WHERE story_id = ?"
                                f" AND article_id IN ({marks})", (story_id, *article_ids)).fetchall()
            for row in rows:
                data = json.loads(row["reason"])
                data["story_id"] = new_id
                data["reason"] = f"{data.get('reason', '')}; then {reason}".lstrip("; ")
                conn.execute("UPDATE story_assignments SET story_id = ?, reason = ? WHERE article_id = ?",
                             (new_id, json.dumps(data, ensure_ascii=False), row["article_id"]))
            self._refresh_span(conn, story_id, now)
            self._refresh_span(conn, new_id, now)
        return new_id

    def list_stories(self, limit: int = 30, offset: int = 0) -> list[StorySummary]:
        with self.db.read() as conn:
            rows = conn.execute(
                "SELECT s.*, (SELECT COUNT(*) FROM articles a WHERE a.story_id = s.id) AS n FROM stories s"
                " ORDER BY s.last_seen DESC, s.id DESC LIMIT ? OFFSET ?",
                (limit, offset),
            ).fetchall()
            return self._summaries(conn, rows)

    def _summaries(self, conn: Any, rows: list[Any]) -> list[StorySummary]:
        """Summaries of many stories with one outlet query (a front page lists a hundred)."""
        if not rows:
            return []
        marks = ",".join("?" * len(rows))
        firsts: dict[int, list[tuple[str, str]]] = {r["id"]: [] for r in rows}
        for story_id, name, first in conn.execute(
            "SELECT a.story_id, o.name, MIN(a.sort_time) FROM article_outlets o JOIN articles a ON a.id = o.article_id"
            f" WHERE a.story_id IN ({marks}) GROUP BY a.story_id, o.name", [r["id"] for r in rows],
        ):
            firsts[story_id].append((first, name))
        return [self._summary(conn, r, [name for _, name in sorted(firsts[r["id"]])]) for r in rows]

    def _summary(self, conn: Any, row: Any, outlets: list[str] | None = None) -> StorySummary:
        if outlets is None:
            outlets = [
                r[0]
                for r in conn.execute(
                    "SELECT o.name FROM article_outlets o JOIN articles a ON a.id = o.article_id"
                    " WHERE a.story_id = ? GROUP BY o.name ORDER BY MIN(a.sort_time), o.name",
                    (row["id"],),
                )
            ]
        last = from_db(row["last_seen"])
        recent = last is not None and datetime.now(timezone.utc) - last <= DEVELOPING_WINDOW
        count = row["n"]
        return StorySummary(
            id=row["id"], title=row["title"], first_seen=from_db(row["first_seen"]),  # type: ignore[arg-type]
            last_seen=last, article_count=count, outlet_count=len(outlets),  # type: ignore[arg-type]
            outlets=outlets, developing=bool(recent and count > 1), rank=float(count),
        )

    def get_story(self, story_id: int, light: bool = False) -> StoryDetail | None:
        """The story with its articles; `light`: as heads (story_article_heads), texts not read."""
        with self.db.read() as conn:
            row = conn.execute(
                "SELECT s.*, (SELECT COUNT(*) FROM articles a WHERE a.story_id = s.id) AS n FROM stories s WHERE id = ?",
                (story_id,),
            ).fetchone()
            if row is None:
                return None
            summary = self._summary(conn, row)
            ids = [r[0] for r in conn.execute(
                "SELECT id FROM articles WHERE story_id = ? ORDER BY sort_time, id", (story_id,)
            )]
            assignments = [
                (r["article_id"], _assignment(r["reason"]))
                for r in conn.execute(
                    "SELECT article_id, reason FROM story_assignments WHERE story_id = ? ORDER BY assigned_at, article_id",
                    (story_id,),
                )
            ]
            articles = self.story_article_heads(story_id, max(len(ids), 1)) if light else self.articles_by_ids(ids)
            return StoryDetail(summary=summary, articles=articles, assignments=assignments, data=json.loads(row["data"]))

    def story_article_heads(self, story_id: int, limit: int = 50, *, newest_first: bool = False
                            ) -> list[StoredArticle]:
        """A story's first `limit` articles in reading order (or its newest `limit`, newest
        first), light: title, outlet, published and URL as saved, dates and outlets (an article
        page lists the others; texts never decoded)."""
        order = "sort_time DESC, id DESC" if newest_first else "sort_time, id"
        fields = ("title", "outlet", "published", "url")
        with self.db.read() as conn:
            rows = [
                {**dict(zip(("id", "story_id", "first_seen", "updated_at", "version"), r[:5])),
                 "data": json.dumps(dict(zip(fields, r[5:])))}
                for r in conn.execute(
                    "SELECT id, story_id, first_seen, updated_at, version, "
                    + ", ".join(self.db.json_field("data", f) for f in fields)
                    + f" FROM articles WHERE story_id = ? ORDER BY {order} LIMIT ?", (story_id, limit),
                )
            ]
            return self._stored(conn, rows)  # type: ignore[attr-defined]  # ArticleSQL

    def story_assignment(self, story_id: int, article_id: int) -> Assignment | None:
        """Why the article is in the story (its latest assignment there), without the story."""
        row = self.db.conn().execute(
            "SELECT reason FROM story_assignments WHERE story_id = ? AND article_id = ?"
            " ORDER BY assigned_at DESC LIMIT 1", (story_id, article_id),
        ).fetchone()
        return _assignment(row[0]) if row else None

    def save_story_data(self, story_id: int, data: dict[str, Any]) -> None:
        """Timeline, brief, quotes... from the stories stage; a "title" in it renames the story."""
        title = data.get("title") if isinstance(data.get("title"), str) and data.get("title") else None
        with self.db.write() as conn:
            cur = conn.execute(
                "UPDATE stories SET data = ?, title = COALESCE(?, title), updated_at = ? WHERE id = ?",
                (json.dumps(data, ensure_ascii=False, default=str), title, now_db(), story_id),
            )
            if cur.rowcount != 1:
                raise KeyError(f"story {story_id} does not exist")

    def load_story_state(self, key: str) -> bytes | None:
        row = self.db.conn().execute("SELECT blob FROM story_state WHERE key = ?", (key,)).fetchone()
        return bytes(row[0]) if row else None

    def _new_story(self, conn: Any, title: str, seen: Any, now: Any) -> int:
        if self.db.dialect == "sqlite":  # max(id) + 1 would give a merged-away top id out again
            next_id = int(conn.execute(
                "SELECT MAX(m) + 1 FROM (SELECT COALESCE(MAX(id), 0) AS m FROM stories"
                " UNION ALL SELECT COALESCE(MAX(from_id), 0) FROM story_redirects)").fetchone()[0])
            conn.execute("INSERT INTO stories (id, title, first_seen, last_seen, updated_at) VALUES (?, ?, ?, ?, ?)",
                         (next_id, title or "Untitled story", seen, seen, now))
            return next_id
        return int(conn.execute(
            "INSERT INTO stories (title, first_seen, last_seen, updated_at) VALUES (?, ?, ?, ?) RETURNING id",
            (title or "Untitled story", seen, seen, now),
        ).fetchone()[0])

    def story_redirect(self, story_id: int) -> int | None:
        """Where a merged-away story's articles went (None: never merged)."""
        row = self.db.conn().execute("SELECT to_id FROM story_redirects WHERE from_id = ?", (story_id,)).fetchone()
        return int(row[0]) if row else None

    def existing_story_ids(self, story_ids: Iterable[int]) -> set[int]:
        """Which of `story_ids` are stories in the store (an engine state saved before a merge
        committed still names the merged-away story)."""
        wanted, found = sorted({int(i) for i in story_ids}), set()
        conn = self.db.conn()
        for start in range(0, len(wanted), 500):  # bounded IN lists on both backends
            part = wanted[start:start + 500]
            marks = ", ".join("?" * len(part))
            found.update(int(r[0]) for r in conn.execute(f"SELECT id FROM stories WHERE id IN ({marks})", tuple(part)))
        return found

    def save_story_state(self, key: str, blob: bytes) -> None:
        with self.db.write() as conn:
            conn.execute(
                "INSERT INTO story_state (key, blob, updated_at) VALUES (?, ?, ?)"
                " ON CONFLICT (key) DO UPDATE SET blob = excluded.blob, updated_at = excluded.updated_at",
                (key, bytes(blob), now_db()),
            )
