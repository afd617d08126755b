"""PostgreSQL connections for the shared store SQL (psycopg 3).

The SQL modules are written once, with `?` placeholders and rows read by index
or by column name, as sqlite3 gives them. `PgConnection` is the small dialect
layer that lets the same text run here: `?` becomes `%s` (a literal `%` is
doubled), rows answer `row["col"]` and `row[0]`, times come back as the same
ISO-8601 UTC text SQLite stores, and NUL characters (which PostgreSQL text
cannot hold) are replaced in parameters.

Writers that could race (two workers saving the same URL, taking the same lease)
are serialised with transaction-scoped advisory locks (`lock()`); rows about to
be changed are read `FOR UPDATE`. Migrations live in migrations/postgres/.
"""

from __future__ import annotations

import functools
from typing import Any, Iterable

import psycopg
from psycopg.types.datetime import TimestamptzLoader

from newsdesk.store import redact_url
from newsdesk.store.db import Database
from newsdesk.store.times import to_db

CONNECT_TIMEOUT_S = 10
LOCK_TIMEOUT = "60s"  # a writer waiting longer than this on a lock gets an error, not a hang


class Row(tuple):  # type: ignore[type-arg]
    """A result row readable by position or by column name, like sqlite3.Row."""

    _index: dict[str, int]

    def __new__(cls, values: Iterable[Any], index: dict[str, int]) -> "Row":
        row = super().__new__(cls, values)
        row._index = index
        return row

    def __getitem__(self, key: Any) -> Any:  # type: ignore[override]
        if isinstance(key, str):
            key = self._index[key]
        return super().__getitem__(key)

    def keys(self) -> list[str]:
        return list(self._index)


def _row_factory(cursor: Any) -> Any:
    if cursor.description is None:
        return tuple
    index = {col.name: i for i, col in enumerate(cursor.description)}
    return lambda values: Row(values, index)


class _IsoTimestamptzLoader(TimestamptzLoader):
    """timestamptz -> the ISO text `times.to_db` writes, so both backends read alike."""

    def load(self, data: Any) -> Any:
        return to_db(super().load(data))


@functools.lru_cache(maxsize=512)
def to_pyformat(sql: str) -> str:
    """`?` -> `%s` outside quotes; `%` -> `%%` (psycopg's placeholder syntax)."""
    out: list[str] = []
    quote = ""
    for ch in sql:
        if quote:
            if ch == quote:
                quote = ""
        elif ch in ("'", '"'):
            quote = ch
        elif ch == "?":
            out.append("%s")
            continue
        out.append("%%" if ch == "%" else ch)
    return "".join(out)


def _clean(value: Any) -> Any:
    return value.replace("\x00", "\ufffd") if isinstance(value, str) else value


class PgConnection:
    """A psycopg connection that takes the store's sqlite-style SQL."""

    def __init__(self, conn: psycopg.Connection[Any]) -> None:
        self.raw = conn

    def execute(self, sql: str, params: Iterable[Any] | None = None) -> psycopg.Cursor[Any]:
        if params is None:
            return self.raw.execute(sql)
        return self.raw.execute(to_pyformat(sql), [_clean(p) for p in params])

    def executemany(self, sql: str, rows: Iterable[Iterable[Any]]) -> psycopg.Cursor[Any]:
        cur = self.raw.cursor()
        cur.executemany(to_pyformat(sql), [[_clean(p) for p in row] for row in rows])
        return cur

    @property
    def in_transaction(self) -> bool:
        return self.raw.info.transaction_status != psycopg.pq.TransactionStatus.IDLE

    def close(self) -> None:
        self.raw.close()


class PostgresDatabase(Database):
    dialect = "postgresql"
    migrations_folder = "migrations/postgres"
    for_update = " FOR UPDATE"
    like_nocase = "ILIKE"
    # changes whenever a writing transaction starts or ends, in any session
    data_version_sql = "SELECT hashtext(pg_current_snapshot()::text)"
    integrity_errors = (psycopg.errors.IntegrityError,)
    _begin_read = "BEGIN ISOLATION LEVEL REPEATABLE READ"
    _time_type = "TIMESTAMPTZ"

    def __init__(self, url: str) -> None:
        super().__init__(redact_url(url))
        self.url = url

    def _connect(self) -> PgConnection:
        try:
            raw = psycopg.connect(self.url, autocommit=True, row_factory=_row_factory, connect_timeout=CONNECT_TIMEOUT_S)
        except psycopg.OperationalError as exc:
            raise ConnectionError(f"{self.where}: cannot connect: {' '.join(str(exc).split())}") from None
        raw.adapters.register_loader("timestamptz", _IsoTimestamptzLoader)
        raw.execute("SET TIME ZONE 'UTC'")
        raw.execute(f"SET lock_timeout = '{LOCK_TIMEOUT}'")
        # the durability SQLite gives in WAL mode with synchronous=NORMAL: a commit does not
        # wait for its WAL flush, so a power cut may lose the last moment of commits (which a
        # re-run redoes from the raw bytes) but never corrupts; a killed client loses nothing
        raw.execute("SET synchronous_commit = off")
        return PgConnection(raw)

    def json_object(self, *columns: str) -> str:
        return "json_build_object(" + ", ".join(f"'{c}', {c}" for c in columns) + ")::text"

    def json_field(self, column: str, key: str) -> str:
        return f"(({column})::jsonb ->> '{key}')"

    def json_array(self, column: str, alias: str = "j") -> str:
        return f"jsonb_array_elements_text(({column})::jsonb) AS {alias}(value)"

    def _usable(self, conn: PgConnection) -> bool:
        return not (conn.raw.closed or conn.raw.broken)

    def lock(self, conn: PgConnection, *keys: str) -> None:
        # sorted, so two writers wanting overlapping keys take them in the same order (no deadlock)
        for key in sorted(set(keys)):
            conn.execute("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))", (key,))

    def _migration_lock(self, conn: PgConnection) -> None:
        conn.execute("SELECT pg_advisory_xact_lock(hashtextextended('newsdesk:migrate:' || current_schema(), 0))")

    def _run_script(self, conn: PgConnection, sql: str) -> None:
        conn.execute(sql)  # no parameters: psycopg sends the whole file, statements and all

    def table_names(self) -> set[str]:
        rows = self.conn().execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
        ).fetchall()
        return {r[0] for r in rows}

    def quick_check(self) -> list[str]:
        return self.engine_check()

    def engine_check(self) -> list[str]:
        """PostgreSQL enforces every constraint as it writes; report any left NOT VALID."""
        rows = self.conn().execute(
            "SELECT conrelid::regclass::text, conname FROM pg_constraint c JOIN pg_namespace n"
            " ON n.oid = c.connamespace WHERE n.nspname = current_schema() AND NOT c.convalidated"
        ).fetchall()
        return [f"constraint {table}.{name} not validated" for table, name in rows]

