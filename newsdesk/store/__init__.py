"""The store: the only package that talks SQL. `open_store(config)` gives a Storage.

The database URL picks the backend: `sqlite:///path/to/newsdesk.db` (the default,
`<data_dir>/newsdesk.db`) or `postgresql://user@host:5432/db`. Nothing is opened
(and no driver imported) at import time.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from newsdesk.store.base import Storage

if TYPE_CHECKING:
    from newsdesk.config import Config
    from newsdesk.store.storage import SQLStorage

__all__ = ["Storage", "open_store", "redact_url"]

PG_SCHEMES = ("postgresql://", "postgres://")


def open_store(target: "Config | str", raw_dir: str | Path | None = None) -> "SQLStorage":
    """Open (and migrate) the store a Config or a database URL names.

    Raw bytes go to `raw_dir`: by default, for SQLite the database's folder + /raw
    (parent folders are created), for PostgreSQL the Config's data_dir/raw."""
    url = target if isinstance(target, str) else target.db_url
    data_dir = Path("data") if isinstance(target, str) else Path(target.data_dir)
    if url.startswith("sqlite:///"):
        from newsdesk.store.sqlite import SQLiteStorage

        path = url[len("sqlite:///"):]
        if not path or path == ":memory:":
            raise ValueError(f"{url}: give a database file path (sqlite:///data/newsdesk.db)")
        return SQLiteStorage(Path(path), raw_dir)
    if url.startswith(PG_SCHEMES):
        from newsdesk.store.postgres import PostgresStorage

        return PostgresStorage(url, raw_dir or data_dir / "raw")
    raise ValueError(
        f"{url!r}: unsupported database URL (expected sqlite:///path/to/newsdesk.db or postgresql://user@host/db)"
    )


def redact_url(url: str) -> str:
    """The database URL without its password, for messages and logs."""
    scheme, sep, rest = url.partition("://")
    creds, at, host = rest.rpartition("@")
    if at and ":" in creds:
        creds = creds.split(":", 1)[0] + ":***"
    return f"{scheme}{sep}{creds}{at}{host}"
