"""SQLite connections and migrations.

One connection per thread (FastAPI runs sync handlers in a thread pool), WAL so
readers never block the writer, and one process-wide lock around write
transactions so threads queue instead of hitting SQLITE_BUSY; other processes
(a CLI next to the server) wait on busy_timeout. Writes use BEGIN IMMEDIATE so a
transaction never has to upgrade a read lock (the classic deadlock).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

from newsdesk.store.times import now_db

BUSY_TIMEOUT_MS = 30_000


class Database:
    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._local = threading.local()
        self._write_lock = threading.RLock()
        self._all: list[sqlite3.Connection] = []
        self._all_lock = threading.Lock()
        self._closed = False

    # ------------------------------------------------------------ connections
    def conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            if self._closed:
                raise RuntimeError(f"{self.path}: store is closed")
            conn = self._connect()
            self._local.conn = conn
            with self._all_lock:
                self._all.append(conn)
        return conn

    def _connect(self) -> sqlite3.Connection:
        # autocommit mode (isolation_level=None): transactions are explicit below
        conn = sqlite3.connect(
            self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
        )
        conn.row_factory = sqlite3.Row
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise RuntimeError(f"{self.path}: cannot switch SQLite to WAL mode (got {mode})")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
        return conn

    def close(self) -> None:
        self._closed = True
        with self._all_lock:
            conns, self._all = self._all, []
        for conn in conns:
            try:
                conn.close()
            except sqlite3.Error:
                pass
        self._local = threading.local()

    # ------------------------------------------------------------ transactions
    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction; nested calls join the outer one."""
        conn = self.conn()
        with self._write_lock:
            if conn.in_transaction:
                yield conn
                return
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    @contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        """A consistent snapshot for multi-statement reads."""
        conn = self.conn()
        if conn.in_transaction:
            yield conn
            return
        conn.execute("BEGIN")
        try:
            yield conn
        finally:
            conn.execute("COMMIT")

    # ------------------------------------------------------------ migrations
    def migrate(self) -> list[str]:
        """Apply every numbered migration not yet recorded, in order, each in its own
        transaction. Returns the names applied now. Safe to call from several
        processes at once: each migration is re-checked inside its transaction."""
        conn = self.conn()
        with self.write():
            conn.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations ("
                " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
            )
        applied: list[str] = []
        # Foreign keys off while migrating (SQLite's table-rebuild recipe: dropping a rebuilt
        # parent table must not cascade); each migration is checked before it commits.
        conn.execute("PRAGMA foreign_keys = OFF")
        try:
            for version, name, sql in migration_files():
                with self.write():
                    done = conn.execute("SELECT 1 FROM schema_migrations WHERE version = ?", (version,)).fetchone()
                    if done:
                        continue
                    for statement in split_statements(sql):
                        conn.execute(statement)
                    broken = conn.execute("PRAGMA foreign_key_check").fetchone()
                    if broken:
                        raise RuntimeError(f"migration {name}: breaks a foreign key in table {broken[0]}")
                    conn.execute(
                        "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                        (version, name, now_db()),
                    )
                    applied.append(name)
        finally:
            conn.execute("PRAGMA foreign_keys = ON")
        return applied


def migration_files() -> list[tuple[int, str, str]]:
    folder = resources.files("newsdesk.store") / "migrations"
    found = []
    for entry in folder.iterdir():
        name = entry.name
        if not name.endswith(".sql"):
            continue
        number = name.split("_", 1)[0]
        if not number.isdigit():
            raise RuntimeError(f"migration {name}: name must start with a number (0002_what.sql)")
        found.append((int(number), name, entry.read_text(encoding="utf-8")))
    found.sort()
    numbers = [n for n, _, _ in found]
    if len(set(numbers)) != len(numbers):
        raise RuntimeError(f"two migrations share a number: {[n for _, n, _ in found]}")
    return found


def split_statements(sql: str) -> list[str]:
    """Split a script into complete statements (triggers with inner `;` included).
    executescript() would COMMIT our transaction first, so statements run one by one."""
    statements, buffer = [], ""
    for line in sql.splitlines(keepends=True):
        if not buffer and (not line.strip() or line.lstrip().startswith("--")):
            continue
        buffer += line
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        raise RuntimeError(f"incomplete SQL statement at end of migration: {buffer.strip()[:80]!r}")
    return statements
