"""Comment edits, deletions, reports and the moderation queue (SQLite part of SQLiteStorage).
Adding and listing comments is in sql_users.py."""

from __future__ import annotations

import sqlite3

from newsdesk.store.account_models import CommentReport
from newsdesk.store.base import Comment
from newsdesk.store.db import Database
from newsdesk.store.sql_users import _comment
from newsdesk.store.times import from_db, now_db

RESOLUTIONS = ("hidden", "restored", "dismissed")


def _report(row: sqlite3.Row) -> CommentReport:
    return CommentReport(
        id=row["id"], comment_id=row["comment_id"], reporter=row["reporter"], reason=row["reason"],
        created_at=from_db(row["created_at"]),  # type: ignore[arg-type]
        comment_body=row["body"], comment_author=row["author"], comment_hidden=bool(row["hidden"]),
        article_id=row["article_id"], story_id=row["story_id"],
    )


class CommentSQL:
    db: Database

    def get_comment(self, comment_id: int) -> Comment | None:
        row = self.db.conn().execute(
            "SELECT c.*, u.username FROM comments c JOIN users u ON u.id = c.user_id WHERE c.id = ?", (comment_id,)
        ).fetchone()
        return _comment(row) if row else None

    def edit_comment(self, comment_id: int, body: str) -> None:
        with self.db.write() as conn:
            conn.execute(
                "UPDATE comments SET body = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL",
                (body, now_db(), comment_id),
            )

    def delete_comment(self, comment_id: int) -> None:
        """Soft delete: the text goes, the row stays so replies keep their place."""
        with self.db.write() as conn:
            conn.execute(
                "UPDATE comments SET body = '', deleted_at = ?, updated_at = ? WHERE id = ?",
                (now_db(), now_db(), comment_id),
            )

    def count_recent_comments(self, user_id: int, since_iso: str) -> int:
        row = self.db.conn().execute(
            "SELECT COUNT(*) FROM comments WHERE user_id = ? AND created_at >= ?", (user_id, since_iso)
        ).fetchone()
        return int(row[0])

    def report_comment(self, comment_id: int, user_id: int, reason: str = "") -> bool:
        """False when this user already reported this comment (one open report each)."""
        try:
            with self.db.write() as conn:
                conn.execute(
                    "INSERT INTO comment_reports (comment_id, user_id, reason, created_at) VALUES (?, ?, ?, ?)",
                    (comment_id, user_id, reason, now_db()),
                )
        except sqlite3.IntegrityError:
            return False
        return True

    def open_reports(self, limit: int = 100) -> list[CommentReport]:
        rows = self.db.conn().execute(
            "SELECT r.id, r.comment_id, r.reason, r.created_at, ru.username AS reporter,"
            " c.body, c.hidden, c.article_id, c.story_id, cu.username AS author"
            " FROM comment_reports r JOIN comments c ON c.id = r.comment_id"
            " JOIN users ru ON ru.id = r.user_id JOIN users cu ON cu.id = c.user_id"
            " WHERE r.resolved_at IS NULL ORDER BY r.created_at, r.id LIMIT ?",
            (limit,),
        ).fetchall()
        return [_report(r) for r in rows]

    def resolve_report(self, report_id: int, resolution: str, moderator_id: int) -> int | None:
        """Closes every open report on the same comment; hides or restores it. Returns the
        comment id, or None when the report is unknown or already resolved."""
        if resolution not in RESOLUTIONS:
            raise ValueError(f"resolution {resolution!r}: expected one of {', '.join(RESOLUTIONS)}")
        with self.db.write() as conn:
            row = conn.execute(
                "SELECT comment_id FROM comment_reports WHERE id = ? AND resolved_at IS NULL", (report_id,)
            ).fetchone()
            if row is None:
                return None
            comment_id = int(row[0])
            if resolution != "dismissed":
                conn.execute("UPDATE comments SET hidden = ? WHERE id = ?", (int(resolution == "hidden"), comment_id))
            conn.execute(
                "UPDATE comment_reports SET resolved_at = ?, resolution = ?, resolved_by = ?"
                " WHERE comment_id = ? AND resolved_at IS NULL",
                (now_db(), resolution, moderator_id, comment_id),
            )
        return comment_id
