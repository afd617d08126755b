"""Database connections, transactions and migrations, shared by both backends.

`Database` holds one connection per thread (FastAPI runs sync handlers in a
thread pool), explicit transactions (`write()` / `read()`, nested calls join the
outer one) and the numbered-migrations runner. The dialect differences the SQL
modules need are small and live here as attributes and hooks: `lock()` (SQLite's
write transaction already excludes every other writer; PostgreSQL takes advisory
locks), `for_update`, `integrity_errors`, `dialect` (full-text search differs).

SQLite: WAL so readers never block the writer, one process-wide lock around
write transactions so threads queue instead of hitting SQLITE_BUSY; other
processes (a CLI next to the server) wait on busy_timeout. Writes use BEGIN
IMMEDIATE so a transaction never has to upgrade a read lock (the classic deadlock).
PostgreSQL lives in `pg.py`.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

from newsdesk.store.times import now_db

BUSY_TIMEOUT_MS = 30_000


class Database:
    """The shared part; subclasses connect and say how their SQL differs."""

    dialect = ""
    migrations_folder = "migrations"
    for_update = ""  # appended to a SELECT that reads a row it is about to change
    integrity_errors: tuple[type[BaseException], ...] = ()
    like_nocase = "LIKE"  # a case-insensitive LIKE
    data_version_sql = "PRAGMA data_version"  # a number that changes when another connection commits
    _begin_write = "BEGIN"
    _begin_read = "BEGIN"
    _time_type = "TEXT"  # of schema_migrations.applied_at

    def __init__(self, where: str) -> None:
        self.where = where
        self._local = threading.local()
        self._write_lock: Any = contextlib.nullcontext()
        self._all: list[Any] = []
        self._all_lock = threading.Lock()
        self._closed = False

    # ------------------------------------------------------------ connections
    def conn(self) -> Any:
        conn = getattr(self._local, "conn", None)
        if conn is not None and not self._usable(conn):  # the server went away: connect again
            with self._all_lock:
                self._all = [c for c in self._all if c is not conn]
            conn = None
        if conn is None:
            if self._closed:
                raise RuntimeError(f"{self.where}: store is closed")
            conn = self._connect()
            self._local.conn = conn
            with self._all_lock:
                self._all.append(conn)
        return conn

    def _connect(self) -> Any:
        raise NotImplementedError

    def _usable(self, conn: Any) -> bool:
        return True

    def close(self) -> None:
        self._closed = True
        with self._all_lock:
            conns, self._all = self._all, []
        for conn in conns:
            with contextlib.suppress(Exception):
                conn.close()
        self._local = threading.local()

    # ------------------------------------------------------------ transactions
    @contextlib.contextmanager
    def write(self) -> Iterator[Any]:
        """One write transaction; nested calls join the outer one."""
        conn = self.conn()
        with self._write_lock:
            if conn.in_transaction:
                yield conn
                return
            conn.execute(self._begin_write)
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    @contextlib.contextmanager
    def read(self) -> Iterator[Any]:
        """A consistent snapshot for multi-statement reads."""
        conn = self.conn()
        if conn.in_transaction:
            yield conn
            return
        conn.execute(self._begin_read)
        try:
            yield conn
        finally:
            conn.execute("COMMIT")

    def lock(self, conn: Any, *keys: str) -> None:
        """Serialise writers that touch the same keys (inside a write transaction)."""

    def json_object(self, *columns: str) -> str:
        """A JSON object (as text) of the named columns."""
        return "json_object(" + ", ".join(f"'{c}', {c}" for c in columns) + ")"

    def json_field(self, column: str, key: str) -> str:
        """The text of one top-level field of a JSON object held as text."""
        return f"json_extract({column}, '$.{key}')"

    def json_array(self, column: str, alias: str = "j") -> str:
        """A FROM item listing the elements of a JSON array held as text, as `alias.value`."""
        return f"json_each({column}) {alias}"

    # ------------------------------------------------------------ migrations
    def migrate(self) -> list[str]:
        """Apply every numbered migration not yet recorded, in order, each in its own
        transaction. Returns the names applied now. Safe to call from several
        processes at once: each migration is re-checked inside its transaction."""
        conn = self.conn()
        with self.write():
            self._migration_lock(conn)
            conn.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations ("
                f" version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at {self._time_type} NOT NULL)"
            )
        applied: list[str] = []
        with self._migrating(conn):
            for version, name, sql in self.migration_files():
                with self.write():
                    self._migration_lock(conn)
                    done = conn.execute("SELECT 1 FROM schema_migrations WHERE version = ?", (version,)).fetchone()
                    if done:
                        continue
                    self._run_script(conn, sql)
                    self._check_migration(conn, name)
                    conn.execute(
                        "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                        (version, name, now_db()),
                    )
                    applied.append(name)
        return applied

    def _migrating(self, conn: Any) -> contextlib.AbstractContextManager[None]:
        """Around all migrations (SQLite turns foreign keys off for its table rebuilds)."""
        return contextlib.nullcontext()

    def _check_migration(self, conn: Any, name: str) -> None:
        """Before a migration commits: raise if it broke something."""

    def _migration_lock(self, conn: Any) -> None:
        """Only one process migrates a database at a time."""

    def _run_script(self, conn: Any, sql: str) -> None:
        raise NotImplementedError

    def migration_files(self) -> list[tuple[int, str, str]]:
        return migration_files(self.migrations_folder)

    def applied_migrations(self) -> list[str]:
        rows = self.conn().execute("SELECT name FROM schema_migrations ORDER BY version").fetchall()
        return [r[0] for r in rows]

    def table_names(self) -> set[str]:
        raise NotImplementedError

    def quick_check(self) -> list[str]:
        """Problems a cheap engine check finds (empty: none)."""
        raise NotImplementedError

    def engine_check(self) -> list[str]:
        """Problems the engine's full check finds (empty: none)."""
        raise NotImplementedError


class SQLiteDatabase(Database):
    dialect = "sqlite"
    integrity_errors = (sqlite3.IntegrityError,)
    _begin_write = "BEGIN IMMEDIATE"

    def __init__(self, path: Path) -> None:
        super().__init__(str(path))
        self.path = Path(path)
        self._write_lock = threading.RLock()

    def _connect(self) -> sqlite3.Connection:
        # autocommit mode (isolation_level=None): transactions are explicit
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

    def _run_script(self, conn: sqlite3.Connection, sql: str) -> None:
        for statement in split_statements(sql):
            conn.execute(statement)

    @contextlib.contextmanager
    def _migrating(self, conn: sqlite3.Connection) -> Iterator[None]:
        # Foreign keys off while migrating (SQLite's table-rebuild recipe: dropping a rebuilt
        # parent table must not cascade); each migration is checked before it commits.
        conn.execute("PRAGMA foreign_keys = OFF")
        try:
            yield
        finally:
            conn.execute("PRAGMA foreign_keys = ON")

    def _check_migration(self, conn: sqlite3.Connection, name: str) -> None:
        broken = conn.execute("PRAGMA foreign_key_check").fetchone()
        if broken:
            raise RuntimeError(f"migration {name}: breaks a foreign key in table {broken[0]}")

    def table_names(self) -> set[str]:
        return {r[0] for r in self.conn().execute("SELECT name FROM sqlite_master WHERE type = 'table'")}

    def quick_check(self) -> list[str]:
        return [str(r[0]) for r in self.conn().execute("PRAGMA quick_check") if str(r[0]) != "ok"]

    def engine_check(self) -> list[str]:
        """SQLite's own page-level check plus every foreign key."""
        conn = self.conn()
        problems = [str(r[0]) for r in conn.execute("PRAGMA integrity_check") if str(r[0]) != "ok"]
        problems += [f"foreign key: {r[0]} row {r[1]} -> {r[2]}" for r in conn.execute("PRAGMA foreign_key_check")]
        return problems


def migration_files(folder_name: str = "migrations") -> list[tuple[int, str, str]]:
    folder = resources.files("newsdesk.store")
    for part in folder_name.split("/"):
        folder = folder / part
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
