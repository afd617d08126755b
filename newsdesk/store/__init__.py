"""The store: the only package that talks SQL. `open_store(url)` gives a Storage.

Nothing is opened at import time.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from newsdesk.store.base import Storage

if TYPE_CHECKING:
    from newsdesk.store.sqlite import SQLiteStorage

__all__ = ["Storage", "open_store"]


def open_store(url: str, raw_dir: str | Path | None = None) -> "SQLiteStorage":
    """`sqlite:///relative/or/absolute/path.db` (parent folders are created; raw bytes go
    to `raw_dir`, default the database's folder + /raw). Migrations are applied."""
    if url.startswith("sqlite:///"):
        from newsdesk.store.sqlite import SQLiteStorage

        path = url[len("sqlite:///"):]
        if not path or path == ":memory:":
            raise ValueError(f"{url}: give a database file path (sqlite:///data/newsdesk.db)")
        return SQLiteStorage(Path(path), raw_dir)
    if url.startswith(("postgresql://", "postgres://", "postgresql+")):
        raise NotImplementedError(f"{url.split('://', 1)[0]}: PostgreSQL storage is not implemented yet; use sqlite:///path")
    raise ValueError(f"{url!r}: unsupported database URL (expected sqlite:///path/to/newsdesk.db)")
