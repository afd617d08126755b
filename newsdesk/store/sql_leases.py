"""Named leases: a cross-process lock with an expiry, kept in the database.

An owner is "host:pid:..."; a lease held by a process of this host that no longer
exists (killed) is taken over at once instead of waiting for it to expire.
"""

from __future__ import annotations

import os
import socket
import time

from newsdesk.store.db import Database


def _dead_owner(owner: str) -> bool:
    host, _, rest = owner.partition(":")
    pid = rest.split(":", 1)[0]
    if host != socket.gethostname() or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


class LeaseSQL:
    db: Database

    def acquire_lease(self, name: str, owner: str, ttl_s: float) -> bool:
        """Take or renew the lease; False while another live owner holds it."""
        now = time.time()
        with self.db.write() as conn:
            self.db.lock(conn, f"lease:{name}")  # two takers must not both see it free
            row = conn.execute("SELECT owner, expires_at FROM leases WHERE name = ?", (name,)).fetchone()
            if row and row["owner"] != owner and row["expires_at"] > now and not _dead_owner(row["owner"]):
                return False
            conn.execute(
                "INSERT INTO leases (name, owner, expires_at) VALUES (?, ?, ?) ON CONFLICT (name)"
                " DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at",
                (name, owner, now + ttl_s),
            )
        return True

    def release_lease(self, name: str, owner: str) -> None:
        with self.db.write() as conn:
            conn.execute("DELETE FROM leases WHERE name = ? AND owner = ?", (name, owner))

    def lease_owner(self, name: str) -> str | None:
        row = self.db.conn().execute(
            "SELECT owner FROM leases WHERE name = ? AND expires_at > ?", (name, time.time())
        ).fetchone()
        return row[0] if row else None
