"""Users and comments (SQLite part of SQLiteStorage). Passwords arrive already hashed
(argon2, by the web layer); the store never sees a plain password."""

from __future__ import annotations

import sqlite3

from newsdesk.store.base import Comment, User
from newsdesk.store.db import Database
from newsdesk.store.times import from_db, now_db

ROLES = ("reader", "moderator", "admin")


def _user(row: sqlite3.Row) -> User:
    return User(
        id=row["id"], username=row["username"], email=row["email"], password_hash=row["password_hash"],
        role=row["role"], created_at=from_db(row["created_at"]),  # type: ignore[arg-type]
        last_login=from_db(row["last_login"]), disabled=bool(row["disabled"]),
    )


def _comment(row: sqlite3.Row) -> Comment:
    return Comment(
        id=row["id"], user_id=row["user_id"], username=row["username"], body=row["body"],
        created_at=from_db(row["created_at"]),  # type: ignore[arg-type]
        article_id=row["article_id"], story_id=row["story_id"], parent_id=row["parent_id"],
        hidden=bool(row["hidden"]), updated_at=from_db(row["updated_at"]), deleted=row["deleted_at"] is not None,
    )


class UserSQL:
    db: Database

    def create_user(self, username: str, password_hash: str, email: str | None = None, role: str = "reader") -> User:
        """Raises ValueError (one line) when the name or e-mail is taken or the role unknown."""
        if role not in ROLES:
            raise ValueError(f"role {role!r}: expected one of {', '.join(ROLES)}")
        try:
            with self.db.write() as conn:
                cur = conn.execute(
                    "INSERT INTO users (username, email, password_hash, role, created_at) VALUES (?, ?, ?, ?, ?)",
                    (username, email, password_hash, role, now_db()),
                )
                row = conn.execute("SELECT * FROM users WHERE id = ?", (cur.lastrowid,)).fetchone()
        except sqlite3.IntegrityError:
            raise ValueError(f"user {username!r}: name or e-mail already taken") from None
        return _user(row)

    def get_user(self, user_id: int) -> User | None:
        row = self.db.conn().execute("SELECT * FROM users WHERE id = ?", (user_id,)).fetchone()
        return _user(row) if row else None

    def get_user_by_name(self, username: str) -> User | None:
        row = self.db.conn().execute("SELECT * FROM users WHERE username = ?", (username,)).fetchone()
        return _user(row) if row else None

    def update_user(self, user_id: int, *, password_hash: str | None = None, role: str | None = None,
                    disabled: bool | None = None, logged_in: bool = False) -> None:
        if role is not None and role not in ROLES:
            raise ValueError(f"role {role!r}: expected one of {', '.join(ROLES)}")
        with self.db.write() as conn:
            conn.execute(
                "UPDATE users SET password_hash = COALESCE(?, password_hash), role = COALESCE(?, role),"
                " disabled = COALESCE(?, disabled), last_login = CASE WHEN ? THEN ? ELSE last_login END WHERE id = ?",
                (password_hash, role, None if disabled is None else int(disabled), int(logged_in), now_db(), user_id),
            )

    def list_users(self) -> list[User]:
        rows = self.db.conn().execute("SELECT * FROM users ORDER BY id").fetchall()
        return [_user(r) for r in rows]

    def add_comment(self, user_id: int, body: str, *, article_id: int | None = None,
                    story_id: int | None = None, parent_id: int | None = None) -> Comment:
        if article_id is None and story_id is None:
            raise ValueError("a comment belongs to an article or a story")
        with self.db.write() as conn:
            cur = conn.execute(
                "INSERT INTO comments (user_id, article_id, story_id, parent_id, body, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (user_id, article_id, story_id, parent_id, body, now_db()),
            )
            row = conn.execute(
                "SELECT c.*, u.username FROM comments c JOIN users u ON u.id = c.user_id WHERE c.id = ?",
                (cur.lastrowid,),
            ).fetchone()
        return _comment(row)

    def list_comments(self, *, article_id: int | None = None, story_id: int | None = None,
                      include_hidden: bool = False, limit: int = 200) -> list[Comment]:
        """Oldest first, for one article or one story."""
        where, args = ("c.article_id = ?", article_id) if article_id is not None else ("c.story_id = ?", story_id)
        hidden = "" if include_hidden else " AND c.hidden = 0"
        rows = self.db.conn().execute(
            f"SELECT c.*, u.username FROM comments c JOIN users u ON u.id = c.user_id WHERE {where}{hidden}"
            " ORDER BY c.created_at, c.id LIMIT ?",
            (args, limit),
        ).fetchall()
        return [_comment(r) for r in rows]

    def hide_comment(self, comment_id: int, hidden: bool = True) -> None:
        with self.db.write() as conn:
            conn.execute("UPDATE comments SET hidden = ?, updated_at = ? WHERE id = ?", (int(hidden), now_db(), comment_id))
