"""Sessions, failed log-ins and invitations (part of SQLStorage).

Tokens arrive already hashed (sha256 by the web layer): the database never holds
a value that opens a session or redeems an invitation.
"""

from __future__ import annotations

from datetime import datetime

from newsdesk.store.account_models import ApiToken
from newsdesk.store.base import User
from newsdesk.store.db import Database
from newsdesk.store.sql_users import ROLES, _user
from newsdesk.store.times import from_db, now_db, to_db

# last_used is written at most this often per token: a script polling the API every second
# should not turn every read into a write
LAST_USED_RESOLUTION_S = 60


class AccountSQL:
    db: Database

    # ------------------------------------------------------------ sessions
    def create_session(self, token_hash: str, user_id: int, expires_at: datetime) -> None:
        with self.db.write() as conn:
            conn.execute(
                "INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
                (token_hash, user_id, now_db(), to_db(expires_at)),
            )

    def session_user(self, token_hash: str) -> User | None:
        """The enabled user of an unexpired session, else None."""
        row = self.db.conn().execute(
            "SELECT u.* FROM sessions s JOIN users u ON u.id = s.user_id"
            " WHERE s.token_hash = ? AND s.expires_at > ? AND u.disabled = 0",
            (token_hash, now_db()),
        ).fetchone()
        return _user(row) if row else None

    def delete_session(self, token_hash: str) -> None:
        with self.db.write() as conn:
            conn.execute("DELETE FROM sessions WHERE token_hash = ?", (token_hash,))

    def delete_expired_sessions(self) -> int:
        with self.db.write() as conn:
            return conn.execute("DELETE FROM sessions WHERE expires_at <= ?", (now_db(),)).rowcount

    def delete_user_sessions(self, user_id: int, keep_token_hash: str | None = None) -> int:
        """End every session of a user but, optionally, the one making the change."""
        with self.db.write() as conn:
            return conn.execute("DELETE FROM sessions WHERE user_id = ? AND token_hash != ?",
                                (user_id, keep_token_hash or "")).rowcount

    # ------------------------------------------------------------ API tokens
    def create_api_token(self, user_id: int, name: str, token_hash: str) -> ApiToken:
        with self.db.write() as conn:
            row = conn.execute(
                "INSERT INTO api_tokens (user_id, name, token_hash, created_at) VALUES (?, ?, ?, ?) RETURNING *",
                (user_id, name, token_hash, now_db()),
            ).fetchone()
        return _api_token(row)

    def api_tokens(self, user_id: int) -> list[ApiToken]:
        rows = self.db.conn().execute(
            "SELECT * FROM api_tokens WHERE user_id = ? ORDER BY id", (user_id,)).fetchall()
        return [_api_token(r) for r in rows]

    def delete_api_token(self, user_id: int, token_id: int) -> bool:
        with self.db.write() as conn:
            return conn.execute("DELETE FROM api_tokens WHERE id = ? AND user_id = ?", (token_id, user_id)).rowcount > 0

    def api_token_user(self, token_hash: str) -> User | None:
        """The enabled user owning this token, else None; notes when the token was last used."""
        row = self.db.conn().execute(
            "SELECT u.*, t.id AS token_id, t.last_used AS token_last_used FROM api_tokens t"
            " JOIN users u ON u.id = t.user_id WHERE t.token_hash = ? AND u.disabled = 0",
            (token_hash,),
        ).fetchone()
        if row is None:
            return None
        last = from_db(row["token_last_used"])
        now = from_db(now_db())
        if last is None or (now - last).total_seconds() >= LAST_USED_RESOLUTION_S:  # type: ignore[operator]
            with self.db.write() as conn:
                conn.execute("UPDATE api_tokens SET last_used = ? WHERE id = ?", (to_db(now), row["token_id"]))
        return _user(row)

    # ------------------------------------------------------------ failed log-ins
    def record_login_failure(self, keys: list[str], at: float) -> None:
        with self.db.write() as conn:
            conn.executemany("INSERT INTO login_failures (key, at) VALUES (?, ?)", [(k, at) for k in keys])

    def login_failures_since(self, key: str, since: float) -> tuple[int, float | None]:
        """(failures of `key` at or after `since`, time of the latest one)."""
        row = self.db.conn().execute(
            "SELECT COUNT(*), MAX(at) FROM login_failures WHERE key = ? AND at >= ?", (key, since)
        ).fetchone()
        return int(row[0]), row[1]

    def clear_login_failures(self, key: str, before: float | None = None) -> None:
        """Forget `key`'s failures (a successful log-in), or everyone's older than `before`."""
        with self.db.write() as conn:
            conn.execute("DELETE FROM login_failures WHERE key = ?", (key,))
            if before is not None:
                conn.execute("DELETE FROM login_failures WHERE at < ?", (before,))

    # ------------------------------------------------------------ invitations
    def create_invite(self, code_hash: str, role: str = "reader", created_by: int | None = None) -> None:
        if role not in ROLES:
            raise ValueError(f"role {role!r}: expected one of {', '.join(ROLES)}")
        with self.db.write() as conn:
            conn.execute(
                "INSERT INTO invites (code_hash, role, created_by, created_at) VALUES (?, ?, ?, ?)",
                (code_hash, role, created_by, now_db()),
            )

    def create_user_with_invite(self, code_hash: str, username: str, password_hash: str,
                                email: str | None = None) -> User:
        """Redeems an unused invitation and creates its user in one transaction.
        Raises ValueError when the code is unknown or used, or the name is taken."""
        with self.db.write() as conn:
            row = conn.execute(
                "SELECT role FROM invites WHERE code_hash = ? AND used_at IS NULL" + self.db.for_update, (code_hash,)
            ).fetchone()
            if row is None:
                raise ValueError("invitation code: unknown or already used")
            user = self.create_user(username, password_hash, email=email, role=row["role"])  # type: ignore[attr-defined]
            conn.execute("UPDATE invites SET used_by = ?, used_at = ? WHERE code_hash = ?", (user.id, now_db(), code_hash))
        return user


def _api_token(row: object) -> ApiToken:
    return ApiToken(id=row["id"], user_id=row["user_id"], name=row["name"],  # type: ignore[index]
                    created_at=from_db(row["created_at"]),  # type: ignore[index, arg-type]
                    last_used=from_db(row["last_used"]))  # type: ignore[index]
